using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jewelry.Messaging.BackgroundWork;

/// <summary>
/// Background work done in rounds: a round takes a batch of what is due (outbox rows, price calculations,
/// callbacks). While rounds find full batches the next starts at once, so a backlog drains as fast as the work
/// goes; only a round that found less than a batch waits for the next. A round that fails, for whatever reason,
/// is logged and its work stays queued for the next round. Only the host stopping ends the loop: an exception
/// leaving <see cref="ExecuteAsync"/> would stop the whole service
/// (<see cref="BackgroundServiceExceptionBehavior.StopHost"/>), and a timeout's
/// <see cref="OperationCanceledException"/> is such an exception too.
/// </summary>
public abstract partial class PollingWorker(ILogger logger) : BackgroundService
{
    /// <summary>What a round does, for the log line of a failed one ("Publishing outbox messages").</summary>
    protected abstract string WorkName { get; }

    /// <summary>
    /// Does a batch of what is due; the work it leaves undone must still be due in the next round. Returns
    /// <see cref="RoundOutcome.FullBatch"/> when more may be waiting.
    /// </summary>
    protected abstract Task<RoundOutcome> RunRoundAsync(CancellationToken stoppingToken);

    /// <summary>Returns when the next round should start, after a round that found nothing more to do.</summary>
    protected abstract Task WaitForNextRoundAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var outcome = RoundOutcome.Failed;
            try
            {
                outcome = await RunRoundAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, WorkName, exception);
            }

            if (outcome != RoundOutcome.FullBatch)
            {
                await WaitForNextRoundAsync(stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; what it left undone is retried in the next round")]
    private static partial void LogRoundFailed(ILogger logger, string work, Exception exception);
}
