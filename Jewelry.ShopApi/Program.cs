using Jewelry.ShopApi.Apis;
using Jewelry.ShopApi.Crm;
using Jewelry.ShopApi.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("shopdb", typeof(Program).Assembly);
builder.AddOrderEventPublishing();
builder.Services.AddValidation();

builder.Services.AddHttpClient<CrmClient>(client => client.BaseAddress = new Uri("http://crm-api"));
builder.Services.AddScoped<OrderPlacement>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCatalogApi();
app.MapOrdersApi();

app.Run();
