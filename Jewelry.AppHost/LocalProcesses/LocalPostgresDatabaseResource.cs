namespace Jewelry.AppHost.LocalProcesses;

/// <summary>One service's database in a <see cref="LocalPostgresServerResource"/>; created before the server accepts connections.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent.FailoverConnectionStringExpression};Database={DatabaseName}");
}
