using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Jewelry.Messaging.BackgroundWork;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace Jewelry.MesApi.Partners;

/// <summary>
/// Delivers queued status changes to partners' callback URLs, oldest first per order so a partner never sees
/// Completed before InProduction. Each delivery has a timeout and a few immediate retries (the resilience
/// pipeline); a failed delivery is tried again later with exponential back-off, up to a limit.
/// </summary>
public sealed partial class PartnerCallbackSender(
    NpgsqlDataSource database,
    IHttpClientFactory httpClients,
    IOptions<PartnerCallbackOptions> options,
    PartnerCallbackAllowList allowList,
    ILogger<PartnerCallbackSender> logger) : PollingWorker(logger)
{
    private const int BatchSize = 10;
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);

    protected override string WorkName => "Delivering partner callbacks";

    protected override async Task<RoundOutcome> RunRoundAsync(CancellationToken stoppingToken) =>
        RoundOutcomes.After(await DeliverDueAsync(stoppingToken), BatchSize);

    protected override Task WaitForNextRoundAsync(CancellationToken stoppingToken) =>
        Task.Delay(options.Value.PollInterval, stoppingToken);

    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var due = (await connection.QueryAsync<PendingCallback>(new CommandDefinition(
            """
            SELECT n.id AS Id, n.order_id AS OrderId, n.callback_url AS CallbackUrl, n.payload::text AS Payload,
                   n.traceparent AS TraceParent, n.tracestate AS TraceState, n.attempts AS Attempts
            FROM partner_notifications n
            WHERE n.delivered_at IS NULL AND n.attempts < @MaxDeliveries AND n.next_attempt_at <= now()
              AND n.id = (SELECT min(f.id) FROM partner_notifications f WHERE f.order_id = n.order_id AND f.delivered_at IS NULL)
            ORDER BY n.id LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
            """,
            new { options.Value.MaxDeliveries, BatchSize }, transaction, cancellationToken: cancellationToken))).AsList();

        foreach (var callback in due)
        {
            var error = await DeliverAsync(callback, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                error is null
                    ? "UPDATE partner_notifications SET attempts = attempts + 1, delivered_at = now(), last_error = NULL WHERE id = @Id"
                    : "UPDATE partner_notifications SET attempts = attempts + 1, next_attempt_at = now() + @BackOff, last_error = @error WHERE id = @Id",
                new { callback.Id, BackOff = BackOffAfter(callback.Attempts + 1), error }, transaction, cancellationToken: cancellationToken));

            if (error is not null && callback.Attempts + 1 >= options.Value.MaxDeliveries)
            {
                LogGaveUp(logger, callback.OrderId, callback.Attempts + 1, error);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>Posts one callback in the trace of the change that caused it; returns the error, or null when delivered.</summary>
    private async Task<string?> DeliverAsync(PendingCallback callback, CancellationToken cancellationToken)
    {
        using var trace = ContinuedTrace.Start(MesTelemetry.Source, "partner callback", callback.TraceParent, callback.TraceState, callback.OrderId);
        var activity = trace.Activity;
        activity?.SetTag("jewelry.partner.delivery_attempt", callback.Attempts + 1);

        // The allow-list may have changed since the partner named this URL.
        if (allowList.RefusalOf(new Uri(callback.CallbackUrl)) is { } refusal)
        {
            activity?.SetTag("error.type", "callback_not_allowed");
            activity?.SetStatus(ActivityStatusCode.Error, refusal);
            return refusal;
        }

        try
        {
            using var content = new StringContent(callback.Payload, Encoding.UTF8, "application/json");
            using var response = await httpClients.CreateClient(PartnerCallbackOptions.HttpClientName)
                .PostAsync(callback.CallbackUrl, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Ok);
                return null;
            }

            activity?.SetTag("error.type", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            activity?.SetStatus(ActivityStatusCode.Error, $"The partner answered {(int)response.StatusCode}.");
            return $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            SpanExceptionRecorder.RecordFailure(activity, exception);
            return exception.GetType().Name;
        }
    }

    private static TimeSpan BackOffAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), MaxBackOff.TotalSeconds));

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up calling the partner back about order {OrderId} after {Attempts} deliveries; last error: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid orderId, int attempts, string error);

    private sealed record PendingCallback(long Id, Guid OrderId, string CallbackUrl, string Payload, string? TraceParent, string? TraceState, int Attempts);
}
