using Jewelry.MesApi.Apis;
using Jewelry.MesApi.Messaging;
using Jewelry.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("mesdb", typeof(Program).Assembly);
builder.AddOrderEventPublishing();
builder.AddOrderEventConsumer(MesQueues.Orders)
    .Handle<OrderSubmitted, OrderSubmittedHandler>(OrderEventTypes.Submitted);
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductionOrdersApi();

app.Run();
