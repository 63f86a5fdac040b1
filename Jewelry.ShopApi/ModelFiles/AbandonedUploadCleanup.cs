using Microsoft.Extensions.Options;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>
/// Clears <c>.incoming/</c> of uploads a crash left behind, at start and then hourly. Only files older than
/// <see cref="ModelStorageOptions.AbandonedUploadAge"/> go, so an upload still running on another instance that
/// shares the directory is never touched.
/// </summary>
internal sealed partial class AbandonedUploadCleanup(
    FileSystemModelStorage storage, IOptions<ModelStorageOptions> options, TimeProvider time, ILogger<AbandonedUploadCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = storage.DeleteAbandonedUploads(time.GetUtcNow().UtcDateTime - options.Value.AbandonedUploadAge);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogFailed(logger, exception);
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} abandoned model upload(s)")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clear abandoned model uploads; tried again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
