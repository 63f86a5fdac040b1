using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ShopApi.Apis;
using Jewelry.ShopApi.Crm;
using Jewelry.ShopApi.Messaging;
using Jewelry.ShopApi.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("shopdb", typeof(Program).Assembly);
builder.AddOrderEventPublishing();
builder.AddOrderEventConsumer(ShopQueues.Orders)
    .Handle<OrderPriceCalculated, OrderPriceCalculatedHandler>(OrderEventTypes.PriceCalculated)
    .Handle<OrderDecided, OrderApprovedHandler>(OrderEventTypes.Approved)
    .Handle<OrderDecided, OrderRejectedHandler>(OrderEventTypes.Rejected)
    .Handle<OrderStatusChanged, OrderStatusChangedHandler>(OrderEventTypes.StatusChanged);
builder.Services.AddValidation();

// Timeouts and retries for the CRM: HttpClients:CrmClient in appsettings.json.
builder.Services.AddHttpClient<CrmClient>(client => client.BaseAddress = new Uri("http://crm-api"))
    .AddDependencyResilience();
builder.Services.AddScoped<OrderPlacement>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCatalogApi();
app.MapOrdersApi();

app.Run();
