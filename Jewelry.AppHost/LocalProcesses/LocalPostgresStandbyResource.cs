namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// A streaming replica of a <see cref="LocalPostgresServerResource"/>, run from the same binaries by
/// <c>start-postgres.sh</c>: a base backup of the primary, then a hot standby that follows its WAL on a port of its
/// own, until someone promotes it (<c>SELECT pg_promote()</c>). Its connection string is its own, for operators and
/// tests; the services reach it through the primary's failover connection string.
/// </summary>
public sealed class LocalPostgresStandbyResource(string name, string workingDirectory, LocalPostgresServerResource primary)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    public LocalPostgresServerResource Primary { get; } = primary;

    /// <summary>The copy of the primary's cluster this standby runs.</summary>
    public string DataDirectory => Path.Combine(WorkingDirectory, "postgres-standby");

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={LocalPostgresServerResource.UserName};Password={Primary.PasswordParameter}");
}
