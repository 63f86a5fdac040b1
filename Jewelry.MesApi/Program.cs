using Jewelry.Contracts.Orders;
using Jewelry.MesApi.Apis;
using Jewelry.MesApi.Messaging;
using Jewelry.MesApi.Partners;
using Jewelry.MesApi.Production;
using Jewelry.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("mesdb", typeof(Program).Assembly);
builder.AddOrderEventPublishing();
builder.AddOrderEventConsumer(MesQueues.Orders)
    .Handle<OrderSubmitted, OrderSubmittedHandler>(OrderEventTypes.Submitted)
    .Handle<OrderDecided, OrderApprovedHandler>(OrderEventTypes.Approved)
    .Handle<OrderDecided, OrderRejectedHandler>(OrderEventTypes.Rejected);
builder.Services.AddValidation();

builder.Services.AddOptions<PriceCalculationOptions>().BindConfiguration(PriceCalculationOptions.SectionName);
builder.Services.AddHostedService<PriceCalculationWorker>();
builder.AddPartnerCallbacks();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductionOrdersApi();
app.MapPartnerOrdersApi();
app.MapPartnerCallbacksApi();

app.Run();
