using Jewelry.ShopApi;
using Jewelry.ShopApi.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCatalogApi();
app.MapOrdersApi();
app.MapModelsApi();

app.Run();
