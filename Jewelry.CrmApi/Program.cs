using Jewelry.Contracts.Orders;
using Jewelry.CrmApi.Apis;
using Jewelry.CrmApi.Messaging;
using Jewelry.CrmApi.Orders;
using Jewelry.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("crmdb", typeof(Program).Assembly);
builder.AddOrderEventPublishing();
builder.AddOrderEventConsumer(CrmQueues.Orders)
    .Handle<OrderSubmitted, OrderSubmittedHandler>(OrderEventTypes.Submitted)
    .Handle<OrderPriceCalculated, OrderPriceCalculatedHandler>(OrderEventTypes.PriceCalculated)
    .Handle<OrderStatusChanged, OrderStatusChangedHandler>(OrderEventTypes.StatusChanged);
builder.Services.AddValidation();
builder.Services.AddScoped<OrderDecisions>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCustomersApi();
app.MapOrdersApi();

app.Run();
