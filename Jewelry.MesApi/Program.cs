using Jewelry.MesApi;
using Jewelry.MesApi.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductionOrdersApi();
app.MapPartnerOrdersApi();
app.MapPartnerCallbacksApi();

app.Run();
