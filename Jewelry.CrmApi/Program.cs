using Jewelry.CrmApi;
using Jewelry.CrmApi.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCustomersApi();
app.MapOrdersApi();

app.Run();
