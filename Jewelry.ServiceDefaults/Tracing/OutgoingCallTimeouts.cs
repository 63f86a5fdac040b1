using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Lets a client span tell a timeout from other cancellations. The standard resilience pipeline's two timeouts
/// (the whole call, and each attempt) note their limit and the token they were given in the call's
/// <see cref="ResilienceContext"/>; when a request ends cancelled while the token outside a timeout was not, that
/// timeout is what fired. The retry strategy notes which attempt is running.
/// </summary>
internal static class OutgoingCallTimeouts
{
    private static readonly ResiliencePropertyKey<TimeoutScope> TotalKey = new("jewelry.timeout.total");
    private static readonly ResiliencePropertyKey<TimeoutScope> AttemptKey = new("jewelry.timeout.attempt");
    private static readonly ResiliencePropertyKey<int> ResendCountKey = new("jewelry.http.resend_count");

    /// <summary>The limit and the token it was linked to: the token outside the timeout.</summary>
    private sealed record TimeoutScope(TimeSpan Limit, CancellationToken Outer);

    public static void Track(HttpStandardResilienceOptions options)
    {
        var total = options.TotalRequestTimeout;
        total.TimeoutGenerator = arguments =>
        {
            arguments.Context.Properties.Set(TotalKey, new TimeoutScope(total.Timeout, arguments.Context.CancellationToken));
            return ValueTask.FromResult(total.Timeout);
        };

        var attempt = options.AttemptTimeout;
        attempt.TimeoutGenerator = arguments =>
        {
            arguments.Context.Properties.Set(AttemptKey, new TimeoutScope(attempt.Timeout, arguments.Context.CancellationToken));
            return ValueTask.FromResult(attempt.Timeout);
        };

        var onRetry = options.Retry.OnRetry;
        options.Retry.OnRetry = arguments =>
        {
            // AttemptNumber is the zero-based attempt that failed; the next one is its resend number.
            arguments.Context.Properties.Set(ResendCountKey, arguments.AttemptNumber + 1);
            return onRetry?.Invoke(arguments) ?? ValueTask.CompletedTask;
        };
    }

    public static TimeSpan? AttemptLimit(ResilienceContext context) =>
        context.Properties.TryGetValue(AttemptKey, out var attempt) ? attempt.Limit : null;

    public static int ResendCount(ResilienceContext context) =>
        context.Properties.TryGetValue(ResendCountKey, out var count) ? count : 0;

    /// <summary>Which timeout cancelled the call ("attempt" or "total") and its limit, or null if none did.</summary>
    public static (string Kind, TimeSpan Limit)? Expired(ResilienceContext context)
    {
        if (context.Properties.TryGetValue(AttemptKey, out var attempt) && !attempt.Outer.IsCancellationRequested)
        {
            return ("attempt", attempt.Limit);
        }

        if (context.Properties.TryGetValue(TotalKey, out var total) && !total.Outer.IsCancellationRequested)
        {
            return ("total", total.Limit);
        }

        return null;
    }
}
