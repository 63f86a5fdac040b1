using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jewelry.MesApi.Partners;

/// <summary>Callbacks MES gave up on (every delivery failed): listed for an operator, who can have one delivered again.</summary>
public sealed class FailedPartnerCallbacks(NpgsqlDataSource database, IOptions<PartnerCallbackOptions> options)
{
    public async Task<IReadOnlyList<FailedPartnerCallback>> ListAsync(string? partnerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var failed = await connection.QueryAsync<FailedPartnerCallback>(new CommandDefinition(
            """
            SELECT n.id AS Id, n.order_id AS OrderId, o.partner_id AS PartnerId, o.external_reference AS ExternalReference,
                   n.callback_url AS CallbackUrl, n.attempts AS Deliveries, n.last_error AS LastError, n.created_at AS CreatedAt
            FROM partner_notifications n JOIN production_orders o USING (order_id)
            WHERE n.delivered_at IS NULL AND n.attempts >= @MaxDeliveries AND (@partnerId::text IS NULL OR o.partner_id = @partnerId)
            ORDER BY n.id
            LIMIT 500
            """,
            new { options.Value.MaxDeliveries, partnerId }, cancellationToken: cancellationToken));
        return failed.AsList();
    }

    /// <summary>Makes a failed callback due again with a fresh set of deliveries; false when there is no such failed callback.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE partner_notifications SET attempts = 0, next_attempt_at = now()
            WHERE id = @id AND delivered_at IS NULL AND attempts >= @MaxDeliveries
            """,
            new { id, options.Value.MaxDeliveries }, cancellationToken: cancellationToken)) == 1;
    }
}

/// <summary>A callback MES gave up on. Times are UTC.</summary>
public sealed record FailedPartnerCallback(
    long Id, Guid OrderId, string PartnerId, string ExternalReference, string CallbackUrl, int Deliveries, string? LastError, DateTime CreatedAt);
