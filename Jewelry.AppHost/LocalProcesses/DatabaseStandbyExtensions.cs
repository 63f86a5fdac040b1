namespace Jewelry.AppHost.LocalProcesses;

internal static class DatabaseStandbyExtensions
{
    /// <summary>
    /// The service starts once the standby follows the primary: a synchronous primary answers no commit before then,
    /// and the service's migrations would hang on it. Nothing without a standby.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabaseStandby(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<LocalPostgresStandbyResource>? standby) =>
        standby is null ? service : service.WaitFor(standby);
}
