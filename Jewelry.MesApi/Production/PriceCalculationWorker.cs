using System.Diagnostics;
using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.Messaging.BackgroundWork;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace Jewelry.MesApi.Production;

/// <summary>
/// Prices orders whose calculation is due, in the background: sets the price and status, records the change and
/// publishes <c>order.price-calculated</c> in one transaction. Each calculation is a span in the order's trace.
/// </summary>
public sealed class PriceCalculationWorker(
    NpgsqlDataSource database,
    OutboxSignal outboxSignal,
    IOptions<PriceCalculationOptions> options,
    ILogger<PriceCalculationWorker> logger) : PollingWorker(logger)
{
    protected override string WorkName => "Price calculation";

    protected override async Task<RoundOutcome> RunRoundAsync(CancellationToken stoppingToken)
    {
        var calculated = await CalculateDueAsync(stoppingToken);
        if (calculated > 0)
        {
            outboxSignal.Notify();
        }

        return RoundOutcomes.After(calculated, options.Value.BatchSize);
    }

    protected override Task WaitForNextRoundAsync(CancellationToken stoppingToken) =>
        Task.Delay(options.Value.PollInterval, stoppingToken);

    private async Task<int> CalculateDueAsync(CancellationToken cancellationToken)
    {
        // Looking for due work is plumbing; the calculations themselves are traced below.
        using var untraced = SuppressInstrumentationScope.Begin();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var due = (await connection.QueryAsync<DueCalculation>(new CommandDefinition(
            """
            SELECT p.order_id AS OrderId, p.traceparent AS TraceParent, p.tracestate AS TraceState,
                   o.subtotal AS Subtotal, o.custom_piece_material AS CustomPieceMaterial,
                   o.discount_percent AS DiscountPercent, o.currency AS Currency, o.source AS Source
            FROM price_calculations p JOIN production_orders o USING (order_id)
            WHERE p.due_at <= now() ORDER BY p.due_at LIMIT @BatchSize
            FOR UPDATE OF p SKIP LOCKED
            """,
            new { options.Value.BatchSize }, transaction, cancellationToken: cancellationToken))).AsList();

        foreach (var calculation in due)
        {
            await CalculateAsync(transaction, calculation, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private static async Task CalculateAsync(NpgsqlTransaction transaction, DueCalculation calculation, CancellationToken cancellationToken)
    {
        using var trace = ContinuedTrace.Start(MesTelemetry.Source, "price calculation", calculation.TraceParent, calculation.TraceState, calculation.OrderId);

        var price = PriceList.PriceOf(calculation.Subtotal ?? 0m, calculation.CustomPieceMaterial, calculation.DiscountPercent ?? 0m);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE production_orders SET price = @price WHERE order_id = @OrderId;
            DELETE FROM price_calculations WHERE order_id = @OrderId;
            """,
            new { price, calculation.OrderId }, transaction, cancellationToken: cancellationToken));
        await OrderStatusChanges.RecordAsync(transaction, calculation.OrderId, OrderStatuses.PriceCalculated, "pricing",
            announce: false, cancellationToken);

        if (calculation.Source == ProductionSources.Partner)
        {
            // Partners buy under contract: a priced partner order needs no seller's approval.
            await OrderStatusChanges.RecordAsync(transaction, calculation.OrderId, OrderStatuses.Approved, "partner-contract",
                announce: false, cancellationToken);
            return;
        }

        await Outbox.EnqueueAsync(OrderEventTypes.PriceCalculated,
            new OrderPriceCalculated { OrderId = calculation.OrderId, Price = price, Currency = calculation.Currency ?? Currencies.Default },
            transaction, cancellationToken);
    }

    private sealed record DueCalculation(
        Guid OrderId, string? TraceParent, string? TraceState, decimal? Subtotal, string? CustomPieceMaterial,
        decimal? DiscountPercent, string? Currency, string Source);
}
