namespace Jewelry.AppHost.Telemetry;

/// <summary>
/// Telemetry a service could not export is kept on disk and sent again later, instead of Aspire's in-memory retry,
/// which gives up once an export's own timeout has passed: a receiver away for longer than that (a restarting
/// collector, a frozen dashboard) would otherwise cost the batches that were in flight.
/// </summary>
internal static class ExportRetryExtensions
{
    /// <summary>
    /// Where this run keeps what its services could not export yet: a directory per AppHost run, private to the user.
    /// What a service restarted within the run left there is sent on; what an earlier run left is not, because that
    /// run's dashboard is gone and the spans would show up in this one as a second instance of every service.
    /// Earlier runs' directories are removed when a run starts. Null outside run mode (a deployment configures its own).
    /// </summary>
    public static string? CreateExportRetryDirectory(this IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsRunMode
            ? RunDirectories.CreateUnder(
                Path.Combine(
                    Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                    "jewelry", "otlp-retry"),
                privateToUser: true)
            : null;

    public static IResourceBuilder<ProjectResource> WithExportRetryOnDisk(this IResourceBuilder<ProjectResource> service, string? runDirectory)
    {
        if (runDirectory is null)
        {
            return service;
        }

        var directory = Path.Combine(runDirectory, service.Resource.Name);
        return service.WithEnvironment(context =>
        {
            // The exporter sends whatever blobs it finds there: private to this user.
            RunDirectories.CreateDirectory(directory, privateToUser: true);

            // Environment callbacks run in the order they were added: after Aspire's own OTLP ones, so these win.
            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "disk";
            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_DISK_RETRY_DIRECTORY_PATH"] = directory;
        });
    }
}
