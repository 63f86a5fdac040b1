using Jewelry.Contracts.Orders;
using Jewelry.CrmApi.Messaging;
using Jewelry.CrmApi.Orders;

namespace Jewelry.CrmApi;

internal static class ApplicationServices
{
    /// <summary>
    /// The CRM's own parts: its database, the decisions it publishes, the order events that fill the sellers'
    /// worklist, and the sellers' decisions.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("crmdb", typeof(ApplicationServices).Assembly);
        builder.AddOrderEventPublishing();
        builder.AddOrderEventConsumer(CrmQueues.Orders)
            .Handle<OrderSubmitted, OrderSubmittedHandler>(OrderEventTypes.Submitted)
            .Handle<OrderPriceCalculated, OrderPriceCalculatedHandler>(OrderEventTypes.PriceCalculated)
            .Handle<OrderStatusChanged, OrderStatusChangedHandler>(OrderEventTypes.StatusChanged)
            .Handle<OrderCancelled, OrderCancelledHandler>(OrderEventTypes.Cancelled);
        builder.Services.AddValidation();

        builder.Services.AddScoped<OrderDecisions>();
        return builder;
    }
}
