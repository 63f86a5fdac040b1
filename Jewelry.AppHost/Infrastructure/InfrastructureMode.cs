namespace Jewelry.AppHost.Infrastructure;

/// <summary>
/// How the AppHost runs PostgreSQL and RabbitMQ; set with configuration <c>Infrastructure:Mode</c>.
/// The services are wired the same way in every mode and cannot tell which one runs.
/// </summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, else local processes.</summary>
    Auto,

    /// <summary>The official PostgreSQL and RabbitMQ images, as on any machine with Docker or Podman.</summary>
    Containers,

    /// <summary>Debian's postgresql and rabbitmq-server binaries, for machines without a container engine.</summary>
    LocalProcesses,
}
