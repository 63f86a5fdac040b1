using Dapper;
using Jewelry.Messaging.BackgroundWork;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace Jewelry.Messaging;

/// <summary>
/// Deletes published outbox rows and inbox rows older than <see cref="MessagingRetentionOptions.Window"/>, a batch of
/// each per round, so neither table grows without bound. A round that deletes is a trace of its own: the span
/// <c>messaging retention</c> with the counts, and its DELETE statements under it. Looking for rows past the window
/// is plumbing and stays untraced, like every poller's.
/// </summary>
internal sealed class MessagingRetention(
    NpgsqlDataSource dataSource,
    IOptions<MessagingRetentionOptions> options,
    ILogger<MessagingRetention> logger) : PollingWorker(logger)
{
    public const string OutboxDeletedAttribute = "jewelry.retention.outbox_deleted";
    public const string InboxDeletedAttribute = "jewelry.retention.inbox_deleted";
    public const string WindowAttribute = "jewelry.retention.window_seconds";

    protected override string WorkName => "Deleting handled messages past the retention window";

    protected override async Task<RoundOutcome> RunRoundAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value;
        var parameters = new { retention.Window, retention.BatchSize };
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        using (SuppressInstrumentationScope.Begin())
        {
            var due = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                """
                SELECT EXISTS (SELECT FROM outbox_messages WHERE published_at < now() - @Window)
                    OR EXISTS (SELECT FROM inbox_messages WHERE processed_at < now() - @Window)
                """,
                parameters, cancellationToken: stoppingToken));
            if (!due)
            {
                return RoundOutcome.Drained;
            }
        }

        using var activity = MessagingTelemetry.Source.StartActivity("messaging retention");
        activity?.SetTag(WindowAttribute, retention.Window.TotalSeconds);
        var outbox = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM outbox_messages WHERE id IN (
                SELECT id FROM outbox_messages WHERE published_at < now() - @Window ORDER BY published_at LIMIT @BatchSize)
            """,
            parameters, cancellationToken: stoppingToken));
        var inbox = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM inbox_messages WHERE (message_id, consumer) IN (
                SELECT message_id, consumer FROM inbox_messages WHERE processed_at < now() - @Window ORDER BY processed_at LIMIT @BatchSize)
            """,
            parameters, cancellationToken: stoppingToken));
        activity?.SetTag(OutboxDeletedAttribute, outbox);
        activity?.SetTag(InboxDeletedAttribute, inbox);

        return RoundOutcomes.After(Math.Max(outbox, inbox), retention.BatchSize);
    }

    protected override Task WaitForNextRoundAsync(CancellationToken stoppingToken) =>
        Task.Delay(options.Value.Interval, stoppingToken);
}
