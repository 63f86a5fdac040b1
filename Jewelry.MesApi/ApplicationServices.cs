using Jewelry.Contracts.Orders;
using Jewelry.MesApi.Messaging;
using Jewelry.MesApi.Partners;
using Jewelry.MesApi.Production;

namespace Jewelry.MesApi;

internal static class ApplicationServices
{
    /// <summary>
    /// MES's own parts: its database, the events it publishes and the orders it takes from the Shop and the CRM,
    /// price calculation in the background, the operators' moves and the custom pieces' models, B2B partner
    /// orders with their callbacks, and the gauges of its backlogs.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("mesdb", typeof(ApplicationServices).Assembly);
        builder.AddOrderEventPublishing();
        builder.AddOrderEventConsumer(MesQueues.Orders)
            .Handle<OrderSubmitted, OrderSubmittedHandler>(OrderEventTypes.Submitted)
            .Handle<OrderDecided, OrderApprovedHandler>(OrderEventTypes.Approved)
            .Handle<OrderDecided, OrderRejectedHandler>(OrderEventTypes.Rejected)
            .Handle<OrderCancelled, OrderCancelledHandler>(OrderEventTypes.Cancelled);
        builder.Services.AddValidation();

        builder.Services.AddOptions<PriceCalculationOptions>().BindConfiguration(PriceCalculationOptions.SectionName);
        builder.Services.AddHostedService<PriceCalculationWorker>();
        builder.Services.AddScoped<ShopFloorMoves>();
        builder.AddPartnerCallbacks();
        var callbacks = builder.Configuration.GetSection(PartnerCallbackOptions.SectionName).Get<PartnerCallbackOptions>() ?? new();
        builder.AddDatabaseGauges(MesGauges.MeterName, MesGauges.All(callbacks.MaxDeliveries));

        // Customers' 3D models stay in the Shop's storage; MES streams them to operators from there.
        builder.Services.AddHttpClient<ShopModels>(client => client.BaseAddress = new Uri("http://shop-api"))
            .AddDependencyResilience();
        return builder;
    }
}
