extern alias CrmApi;
using CsCheck;
using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Data;
using Jewelry.Messaging;
using Jewelry.ShopApi.Messaging;
using Jewelry.ShopApi.Orders;
using Jewelry.Tests.Fixtures;
using Npgsql;
using Crm = CrmApi::Jewelry.CrmApi;

namespace Jewelry.Tests.Orders;

/// <summary>
/// Two replicas of the Shop or the CRM can handle one order's events in any order (and a redelivered one comes late):
/// whatever the handling order, the order shows its latest status and lists its history as it happened, each line
/// dated when it happened. A customer's cancellation still outranks a price or a decision that crossed it.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class OrderLifeStepTests(JewelryAppFixture fixture) : IAsyncLifetime
{
    private static readonly DateTime Placed = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private NpgsqlDataSource _shop = null!;
    private NpgsqlDataSource _crm = null!;

    public async ValueTask InitializeAsync()
    {
        _shop = await ScratchDatabase.CreateAsync(fixture.App, "life_shop", MessagingTables.Migrations,
            DatabaseMigrationOptions.ServiceOwn(typeof(OrderStatusChangedHandler).Assembly));
        _crm = await ScratchDatabase.CreateAsync(fixture.App, "life_crm", MessagingTables.Migrations,
            DatabaseMigrationOptions.ServiceOwn(typeof(Crm.Messaging.OrderStatusChangedHandler).Assembly));
    }

    public async ValueTask DisposeAsync()
    {
        await _shop.DisposeAsync();
        await _crm.DisposeAsync();
    }

    [Fact]
    public async Task The_shop_shows_the_latest_status_and_the_history_in_life_order_whatever_order_it_hears_them_in()
    {
        await HandlingOrders(ShopHears(Guid.Empty).Count).SampleAsync(async handlingOrder =>
        {
            var (customerId, orderId) = await PlaceInShopAsync();
            var events = ShopHears(orderId);
            foreach (var index in handlingOrder)
            {
                await HandleAsync(_shop, events[index]);
            }

            var seen = await OrderQueries.GetAsync(_shop, customerId, orderId, CancellationToken.None);
            Assert.NotNull(seen);
            Assert.Equal(OrderStatuses.Completed, seen.Status);
            Assert.Equal(1_250m, seen.Price);
            Assert.Equal(LifeWithRework, seen.History.Select(change => change.Status));
            Assert.Equal(LifeWithRework.Select((_, step) => Placed.AddMinutes(step)), seen.History.Select(change => change.ChangedAt.ToUniversalTime()));
        }, iter: 30, threads: 1);
    }

    [Fact]
    public async Task The_crm_shows_the_latest_status_and_the_history_in_life_order_whatever_order_it_hears_the_shop_floor_in()
    {
        await HandlingOrders(ShopFloor(Guid.Empty, new Crm.Messaging.OrderStatusChangedHandler()).Count).SampleAsync(async handlingOrder =>
        {
            var orderId = await SubmitToCrmAsync();
            await HandleAsync(_crm, (transaction, token) => new Crm.Messaging.OrderPriceCalculatedHandler().HandleAsync(
                new OrderPriceCalculated { OrderId = orderId, Price = 1_250m, Currency = "EUR", OccurredAt = Placed.AddMinutes(1) }, transaction, token));
            Assert.Equal(Crm.Orders.OrderDecisionOutcome.Decided,
                await new Crm.Orders.OrderDecisions(_crm, new OutboxSignal()).DecideAsync(orderId, approve: true, "Looks good", CancellationToken.None));
            var events = ShopFloor(orderId, new Crm.Messaging.OrderStatusChangedHandler());
            foreach (var index in handlingOrder)
            {
                await HandleAsync(_crm, events[index]);
            }

            var seen = await Crm.Orders.CrmOrderQueries.GetAsync(_crm, orderId, CancellationToken.None);
            Assert.NotNull(seen);
            Assert.Equal(OrderStatuses.Completed, seen.Status);
            Assert.Equal(LifeWithRework, seen.History.Select(change => change.Status));
        }, iter: 30, threads: 1);
    }

    [Fact]
    public async Task A_price_the_crm_hears_after_the_cancellation_is_kept_without_reopening_the_order()
    {
        var orderId = await SubmitToCrmAsync();

        await HandleAsync(_crm, (transaction, token) => new Crm.Messaging.OrderCancelledHandler().HandleAsync(
            new OrderCancelled { OrderId = orderId, Reason = "Found another ring", OccurredAt = Placed.AddMinutes(2) }, transaction, token));
        await HandleAsync(_crm, (transaction, token) => new Crm.Messaging.OrderPriceCalculatedHandler().HandleAsync(
            new OrderPriceCalculated { OrderId = orderId, Price = 990m, Currency = "EUR", OccurredAt = Placed.AddMinutes(1) }, transaction, token));

        var seen = await Crm.Orders.CrmOrderQueries.GetAsync(_crm, orderId, CancellationToken.None);
        Assert.NotNull(seen);
        Assert.Equal(OrderStatuses.Cancelled, seen.Status);
        Assert.Equal(990m, seen.Price);
        Assert.Equal([OrderStatuses.Submitted, OrderStatuses.PriceCalculated, OrderStatuses.Cancelled], seen.History.Select(change => change.Status));
        Assert.Equal("Found another ring", seen.History[^1].Note);
    }

    [Fact]
    public async Task A_decision_the_shop_hears_after_the_customer_cancelled_leaves_it_cancelled_until_the_shop_floor_says_otherwise()
    {
        var (customerId, orderId) = await PlaceInShopAsync();
        Assert.Equal(OrderCancellationOutcome.Cancelled,
            await new OrderCancellation(_shop, new OutboxSignal()).CancelAsync(customerId, orderId, "Too late for the gift", CancellationToken.None));

        await HandleAsync(_shop, (transaction, token) => new OrderApprovedHandler().HandleAsync(
            new OrderDecided { OrderId = orderId, OccurredAt = DateTime.UtcNow }, transaction, token));
        Assert.Equal(OrderStatuses.Cancelled, (await OrderQueries.GetAsync(_shop, customerId, orderId, CancellationToken.None))!.Status);

        // MES had started it before it heard of the cancellation: production is the truth.
        await HandleAsync(_shop, (transaction, token) => new OrderStatusChangedHandler().HandleAsync(
            new OrderStatusChanged { OrderId = orderId, Status = OrderStatuses.InProduction, Revision = 3, OccurredAt = DateTime.UtcNow }, transaction, token));
        var seen = await OrderQueries.GetAsync(_shop, customerId, orderId, CancellationToken.None);
        Assert.Equal(OrderStatuses.InProduction, seen!.Status);
        Assert.Equal([OrderStatuses.Submitted, OrderStatuses.Approved, OrderStatuses.Cancelled, OrderStatuses.InProduction],
            seen.History.Select(change => change.Status));
    }

    /// <summary>An order's life after placement, one minute apart, with one trip back to the bench.</summary>
    private static readonly string[] LifeWithRework =
    [
        OrderStatuses.Submitted, OrderStatuses.PriceCalculated, OrderStatuses.Approved, OrderStatuses.InProduction,
        OrderStatuses.QualityCheck, OrderStatuses.InProduction, OrderStatuses.QualityCheck, OrderStatuses.Completed,
    ];

    /// <summary>Every order in which <paramref name="count"/> events can be handled, as lists of their indexes.</summary>
    private static Gen<int[]> HandlingOrders(int count) => Gen.Shuffle(Enumerable.Range(0, count).ToArray());

    /// <summary>What the Shop hears of an order, in life order: the price, the decision, then the shop floor.</summary>
    private static List<Func<NpgsqlTransaction, CancellationToken, Task>> ShopHears(Guid orderId) =>
    [
        (transaction, token) => new OrderPriceCalculatedHandler().HandleAsync(
            new OrderPriceCalculated { OrderId = orderId, Price = 1_250m, Currency = "EUR", OccurredAt = Placed.AddMinutes(1) }, transaction, token),
        (transaction, token) => new OrderApprovedHandler().HandleAsync(
            new OrderDecided { OrderId = orderId, OccurredAt = Placed.AddMinutes(2) }, transaction, token),
        .. ShopFloor(orderId, new OrderStatusChangedHandler()),
    ];

    /// <summary>MES's changes on the shop floor, each with its revision; MES's revisions 1 and 2 were the price and the decision.</summary>
    private static List<Func<NpgsqlTransaction, CancellationToken, Task>> ShopFloor(Guid orderId, IOrderMessageHandler<OrderStatusChanged> handler) =>
    [
        .. LifeWithRework.Skip(3).Select((status, index) => (Func<NpgsqlTransaction, CancellationToken, Task>)((transaction, token) =>
            handler.HandleAsync(
                new OrderStatusChanged { OrderId = orderId, Status = status, Revision = 3 + index, OccurredAt = Placed.AddMinutes(3 + index) },
                transaction, token))),
    ];

    private async Task<(Guid CustomerId, Guid OrderId)> PlaceInShopAsync()
    {
        var (customerId, orderId) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = await _shop.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO orders (id, customer_id, customer_tier, discount_percent, status, subtotal, currency)
            VALUES (@orderId, @customerId, 'standard', 0, @Submitted, 1250, 'EUR');
            INSERT INTO order_status_history (order_id, status, changed_at) VALUES (@orderId, @Submitted, @Placed);
            """,
            new { orderId, customerId, OrderStatuses.Submitted, Placed });
        return (customerId, orderId);
    }

    private async Task<Guid> SubmitToCrmAsync()
    {
        var orderId = Guid.NewGuid();
        await HandleAsync(_crm, (transaction, token) => new Crm.Messaging.OrderSubmittedHandler().HandleAsync(
            new OrderSubmitted
            {
                OrderId = orderId, CustomerId = Guid.NewGuid(), CustomerTier = "standard", DiscountPercent = 0, Subtotal = 1_250m,
                Currency = "EUR", ItemCount = 1, OccurredAt = Placed,
            },
            transaction, token));
        return orderId;
    }

    private static async Task HandleAsync(NpgsqlDataSource database, Func<NpgsqlTransaction, CancellationToken, Task> handle)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await handle(transaction, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
