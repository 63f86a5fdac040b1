using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Jewelry.Messaging;

/// <summary>
/// The service's RabbitMQ connection, opened at start while the broker may still be booting (the AppHost does not
/// hold the services back for it). It tries again at a short, even pace, so that the service connects within
/// <see cref="RetryDelay"/> of the broker answering; Aspire's own retry doubles its wait after every attempt, and a
/// service could sit idle for seconds after the broker came up. Once open, RabbitMQ.Client recovers the connection itself.
/// </summary>
public static partial class BrokerStartupConnection
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Long enough for a busy machine's first start of the broker; then the service fails to start, and says why.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    public static IConnection Open(IConnectionFactory factory, ILogger logger) =>
        Open(token => factory.CreateConnectionAsync(token), logger, RetryDelay, GiveUpAfter);

    internal static T Open<T>(Func<CancellationToken, Task<T>> connect, ILogger logger, TimeSpan retryDelay, TimeSpan giveUpAfter)
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(giveUpAfter)
            .AddRetry(new RetryStrategyOptions
            {
                // A booting broker fails in more ways than a closed port (a handshake cut short or timed out on a busy
                // machine); refused credentials are the one failure that waiting cannot mend, and would only hide.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => !IsRefusedCredentials(exception)),
                BackoffType = DelayBackoffType.Constant,
                Delay = retryDelay,
                MaxRetryAttempts = int.MaxValue,
                UseJitter = false,
                OnRetry = retry =>
                {
                    if (retry.AttemptNumber == 0)
                    {
                        LogWaiting(logger, retry.Outcome.Exception, retryDelay.TotalMilliseconds);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        // Resolved while the host starts, from a synchronous factory: blocking here is what holding the start back means.
        return pipeline.ExecuteAsync(async token => await connect(token)).AsTask().GetAwaiter().GetResult();
    }

    private static bool IsRefusedCredentials(Exception exception) =>
        exception is AuthenticationFailureException || exception.InnerException is AuthenticationFailureException;

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ does not answer yet; connecting again every {RetryDelayMs} ms until it does")]
    private static partial void LogWaiting(ILogger logger, Exception? exception, double retryDelayMs);
}
