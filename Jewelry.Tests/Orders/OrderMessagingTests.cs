using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Orders;

/// <summary>No lost and no doubled orders: redeliveries change nothing, and messages that cannot be handled are kept aside.</summary>
[Collection(SharedJewelryApp.Name)]
public sealed class OrderMessagingTests(JewelryAppFixture fixture) : IAsyncLifetime
{
    private const string MesDeadLetters = "mes.orders.dead-letter";
    private static readonly TimeSpan DeadLetterTimeout = TimeSpan.FromSeconds(30);

    private readonly OrderScenario _scenario = new(fixture);
    private BrokerClient _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await BrokerClient.ConnectAsync(fixture.App);

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task A_redelivered_order_submitted_changes_nothing_in_manufacturing()
    {
        var orderId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        await _broker.PublishAsync("order.submitted", messageId, OrderScenario.OrderSubmittedMessage(messageId, orderId, subtotal: 1500m));
        var original = await _scenario.WaitForProductionOrderAsync(orderId);

        // The same message again, as after a lost acknowledgement, but with other content to make any effect visible.
        var redelivery = new TestTrace();
        await _broker.PublishAsync("order.submitted", messageId, OrderScenario.OrderSubmittedMessage(messageId, orderId, subtotal: 1m), redelivery.TraceParent);

        var spans = await fixture.Telemetry.WaitForTraceAsync(redelivery.TraceId,
            spans => spans.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)));
        var consume = Assert.Single(spans, span => span.Is(ResourceNames.MesApi, SpanKind.Consumer));
        Assert.Equal("True", consume.Attribute("jewelry.messaging.duplicate"), ignoreCase: true);
        Assert.Equal(orderId.ToString(), consume.Attribute("jewelry.order.id"));
        Assert.NotEqual(SpanStatusCode.Error, consume.Status);

        var after = await _scenario.WaitForProductionOrderAsync(orderId);
        Assert.Equal(original.GetProperty("subtotal").GetDecimal(), after.GetProperty("subtotal").GetDecimal());
        Assert.Equal(1500m, after.GetProperty("subtotal").GetDecimal());
        // Not updatedAt: the price calculation (1 s in tests) legitimately changes the order meanwhile.
        Assert.Equal(original.GetProperty("createdAt").GetDateTime(), after.GetProperty("createdAt").GetDateTime());
    }

    [Fact]
    public async Task A_status_change_that_overtakes_its_order_waits_for_the_order_and_is_applied_after_it()
    {
        var orderId = Guid.CreateVersion7();
        var changeId = Guid.CreateVersion7();
        var submissionId = Guid.CreateVersion7();
        var change = new TestTrace();

        // The shop floor's change ahead of the order's submission, as when another CRM replica still handles the submission.
        // Here both reach the one CRM consumer in that order, so the change must also give way to let the submission through.
        await _broker.PublishAsync("order.status-changed", changeId,
            OrderScenario.OrderStatusChangedMessage(changeId, orderId, OrderStatuses.InProduction, revision: 3), change.TraceParent);
        await _broker.PublishAsync("order.submitted", submissionId, OrderScenario.OrderSubmittedMessage(submissionId, orderId));

        var order = await _scenario.WaitForCrmOrderAsync(orderId,
            order => order.GetProperty("status").GetString() == OrderStatuses.InProduction, "in production");
        var history = OrderScenario.CrmHistory(order);
        Assert.Equal(1, history.Count(status => status == OrderStatuses.Submitted));
        Assert.Equal(1, history.Count(status => status == OrderStatuses.InProduction));

        // The first delivery waited for the order each time, named so in its consume span, then gave the message back;
        // the next one applied it. Failed spans are exported in a lane of their own, so either may arrive first.
        var spans = await fixture.Telemetry.WaitForTraceAsync(change.TraceId, spans =>
            spans.Any(span => span.Is(ResourceNames.CrmApi, SpanKind.Consumer) && span.Status == SpanStatusCode.Error) &&
            spans.Any(span => span.Is(ResourceNames.CrmApi, SpanKind.Consumer) && span.Status != SpanStatusCode.Error));
        var deliveries = spans.Where(span => span.Is(ResourceNames.CrmApi, SpanKind.Consumer)).OrderBy(span => span.StartTime).ToList();
        Assert.Equal(2, deliveries.Count);
        var waits = deliveries[0].Events.Where(@event => @event.Name == "order not known yet, waiting").ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], waits.Select(@event => @event.Attribute("jewelry.messaging.handling_attempt")));
        Assert.All(waits, @event => Assert.Equal(typeof(OrderNotKnownYetException).FullName, @event.Attribute("error.type")));
        Assert.Equal(SpanStatusCode.Error, deliveries[0].Status);
        Assert.Equal(typeof(OrderNotKnownYetException).FullName, deliveries[0].Attribute("error.type"));
        Assert.Equal(orderId.ToString(), deliveries[1].Attribute("jewelry.order.id"));
        Assert.DoesNotContain(deliveries[1].Events, @event => @event.Name == "order not known yet, waiting");
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_goes_straight_to_the_dead_letter_queue()
    {
        var messageId = Guid.CreateVersion7();

        await _broker.PublishAsync("order.submitted", messageId, "{ this is not an order");

        Assert.True(await _broker.WaitForMessageAsync(MesDeadLetters, messageId, DeadLetterTimeout),
            $"The unreadable message {messageId} did not reach {MesDeadLetters}.");
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_to_the_delivery_limit_then_dead_lettered()
    {
        var orderId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        var trace = new TestTrace();

        // A negative subtotal breaks a database constraint in MES: the handler fails on every delivery.
        await _broker.PublishAsync("order.submitted", messageId, OrderScenario.OrderSubmittedMessage(messageId, orderId, subtotal: -1m), trace.TraceParent);

        Assert.True(await _broker.WaitForMessageAsync(MesDeadLetters, messageId, DeadLetterTimeout),
            $"The failing message {messageId} did not reach {MesDeadLetters}.");

        // Every attempt is its own consume span, in error, naming the exception; the failing statement is an error too.
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId,
            spans => spans.Count(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)) >= 5 &&
                spans.Any(span => span.Name == "INSERT production_orders"));
        var attempts = spans.Where(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)).ToList();
        Assert.All(attempts, attempt =>
        {
            Assert.Equal(SpanStatusCode.Error, attempt.Status);
            Assert.Equal("Npgsql.PostgresException", attempt.Attribute("error.type"));
            Assert.Equal("Npgsql.PostgresException", Assert.Single(attempt.Events, activityEvent => activityEvent.Name == "exception").Attribute("exception.type"));
        });
        Assert.InRange(attempts.Count, 5, 6);
        var failedInsert = spans.First(span => span.Name == "INSERT production_orders");
        Assert.Equal(SpanStatusCode.Error, failedInsert.Status);
        Assert.Equal("23514", failedInsert.Attribute("error.type"));

        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, "operator", "operator-1");
        using var response = await mes.GetAsync($"/api/production-orders/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
