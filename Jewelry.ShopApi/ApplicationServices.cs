using Jewelry.Contracts.Orders;
using Jewelry.ShopApi.Crm;
using Jewelry.ShopApi.Messaging;
using Jewelry.ShopApi.ModelFiles;
using Jewelry.ShopApi.Orders;

namespace Jewelry.ShopApi;

internal static class ApplicationServices
{
    /// <summary>
    /// The Shop's own parts: its database, the order events it publishes and the status events it follows, the CRM
    /// client (timeouts and retries: <c>HttpClients:CrmClient</c> in appsettings.json), order placement and
    /// cancellation, and the customers' 3D models (<c>ModelStorage</c>).
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("shopdb", typeof(ApplicationServices).Assembly);
        builder.AddOrderEventPublishing();
        builder.AddOrderEventConsumer(ShopQueues.Orders)
            .Handle<OrderPriceCalculated, OrderPriceCalculatedHandler>(OrderEventTypes.PriceCalculated)
            .Handle<OrderDecided, OrderApprovedHandler>(OrderEventTypes.Approved)
            .Handle<OrderDecided, OrderRejectedHandler>(OrderEventTypes.Rejected)
            .Handle<OrderStatusChanged, OrderStatusChangedHandler>(OrderEventTypes.StatusChanged);
        builder.Services.AddValidation();

        builder.Services.AddHttpClient<CrmClient>(client => client.BaseAddress = new Uri("http://crm-api"))
            .AddDependencyResilience();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddScoped<OrderCancellation>();

        builder.Services.AddOptions<ModelStorageOptions>().BindConfiguration(ModelStorageOptions.SectionName);
        builder.Services.AddSingleton<FileSystemModelStorage>();
        builder.Services.AddSingleton<IModelStorage>(services => services.GetRequiredService<FileSystemModelStorage>());
        builder.Services.AddHostedService<AbandonedUploadCleanup>();
        builder.Services.AddScoped<ModelUploads>();
        builder.Services.AddExceptionHandler<ModelStorageExceptionHandler>();
        return builder;
    }
}
