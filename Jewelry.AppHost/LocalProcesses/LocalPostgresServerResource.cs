namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// A throwaway PostgreSQL cluster run from the locally installed binaries: created, given its databases and
/// started by <c>start-postgres.sh</c>, listening on loopback only, on a port Aspire picks.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "postgres";

    private readonly List<LocalPostgresDatabaseResource> _databases = [];

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public IReadOnlyList<LocalPostgresDatabaseResource> Databases => _databases;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(LocalPostgresDatabaseResource database) => _databases.Add(database);
}
