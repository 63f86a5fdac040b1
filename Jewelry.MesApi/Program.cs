using Jewelry.MesApi.Apis;
using Jewelry.MesApi.Messaging;
using Jewelry.MesApi.Partners;
using Jewelry.MesApi.Production;
using Jewelry.ServiceDefaults.Messaging;

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

builder.Services.AddOptions<PartnerCallbackOptions>().BindConfiguration(PartnerCallbackOptions.SectionName);
builder.Services.AddScoped<PartnerOrders>();
builder.Services.AddScoped<FailedPartnerCallbacks>();
builder.Services.AddSingleton<PartnerCallbackAllowList>();
builder.Services.AddHostedService<PartnerCallbackSender>();
var callbacks = builder.Configuration.GetSection(PartnerCallbackOptions.SectionName).Get<PartnerCallbackOptions>() ?? new();
// Partners are outside: their own timeout and retry budget replace the defaults for internal calls.
builder.Services.AddHttpClient(PartnerCallbackOptions.HttpClientName)
    .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
    {
        ConnectCallback = services.GetRequiredService<PartnerCallbackAllowList>().ConnectAsync,
    })
    .AddDependencyResilience(resilience =>
    {
        resilience.AttemptTimeout.Timeout = callbacks.AttemptTimeout;
        resilience.Retry.MaxRetryAttempts = callbacks.RetriesPerDelivery;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
        resilience.TotalRequestTimeout.Timeout = callbacks.AttemptTimeout * (callbacks.RetriesPerDelivery + 2);
        resilience.CircuitBreaker.SamplingDuration = callbacks.AttemptTimeout * 4;
    });

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductionOrdersApi();
app.MapPartnerOrdersApi();
app.MapPartnerCallbacksApi();

app.Run();
