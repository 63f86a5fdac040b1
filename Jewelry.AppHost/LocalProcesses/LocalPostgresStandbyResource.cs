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
    public LocalPostgresServerResource Primary { get; } = primary;

    /// <summary>The copy of the primary's cluster this standby runs.</summary>
    public string DataDirectory => Path.Combine(WorkingDirectory, "postgres-standby");

    /// <summary>Named as the primary's: both are set up by the same code.</summary>
    public EndpointReference PrimaryEndpoint => new(this, LocalPostgresServerResource.PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        LocalPostgresServerResource.ConnectionStringTo(PrimaryEndpoint, Primary.PasswordParameter);
}
