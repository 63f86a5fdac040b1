namespace Jewelry.AppHost.Telemetry;

/// <summary>
/// Telemetry a service could not export is kept on disk and sent again later, instead of Aspire's in-memory retry,
/// which gives up once an export's own timeout has passed: a receiver away for longer than that (a restarting
/// collector, a frozen dashboard) would otherwise cost the batches that were in flight.
/// </summary>
internal static class ExportRetryExtensions
{
    public static IResourceBuilder<ProjectResource> WithExportRetryOnDisk(this IResourceBuilder<ProjectResource> service)
    {
        if (!service.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return service;
        }

        // Private to this user: the exporter sends whatever blobs it finds there.
        var directory = Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "jewelry", "otlp-retry", service.Resource.Name);
        return service.WithEnvironment(context =>
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            // Environment callbacks run in the order they were added: after Aspire's own OTLP ones, so these win.
            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "disk";
            context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_DISK_RETRY_DIRECTORY_PATH"] = directory;
        });
    }
}
