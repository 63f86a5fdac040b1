namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// A throwaway PostgreSQL cluster run from the locally installed binaries: created, given its databases and
/// started by <c>start-postgres.sh</c>, listening on loopback only, on a port Aspire picks. With a
/// <see cref="Standby"/>, its databases are reached through <see cref="FailoverConnectionStringExpression"/>.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "postgres";

    /// <summary>How long a client trusts what it learnt of a host (primary, standby, down); Npgsql's own is 10 s.</summary>
    public const int HostRecheckSeconds = 2;

    private readonly List<LocalPostgresDatabaseResource> _databases = [];

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The cluster's files, and the Unix socket it listens on beside its TCP port.</summary>
    public string DataDirectory => Path.Combine(WorkingDirectory, "postgres");

    /// <summary>
    /// Where <c>start-postgres.sh</c> keeps the empty cluster it copies instead of running initdb each time: beside
    /// the runs' own directories, shared by every run under the same root.
    /// </summary>
    public string TemplateRoot => Path.Combine(Path.GetDirectoryName(WorkingDirectory)!, "postgres-templates");

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public IReadOnlyList<LocalPostgresDatabaseResource> Databases => _databases;

    public LocalPostgresStandbyResource? Standby { get; internal set; }

    /// <summary>This server itself.</summary>
    public ReferenceExpression ConnectionStringExpression => ConnectionStringTo(PrimaryEndpoint, PasswordParameter);

    /// <summary>
    /// What the services connect with: this server, or with a standby both hosts, of which a client uses the one that
    /// is the primary now. When this server goes, connections fail until the standby is promoted, then go there.
    /// </summary>
    public ReferenceExpression FailoverConnectionStringExpression => Standby is not { } standby
        ? ConnectionStringExpression
        : ReferenceExpression.Create(
            $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},{standby.PrimaryEndpoint.Property(EndpointProperty.Host)}:{standby.PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter};Target Session Attributes=primary;Host Recheck Seconds={HostRecheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>The superuser's connection to one server of this cluster, the primary or its standby.</summary>
    internal static ReferenceExpression ConnectionStringTo(EndpointReference endpoint, ParameterResource password) => ReferenceExpression.Create(
        $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={password}");

    internal void AddDatabase(LocalPostgresDatabaseResource database) => _databases.Add(database);
}
