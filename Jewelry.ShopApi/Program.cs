using Jewelry.ShopApi.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("shopdb", typeof(Program).Assembly);
builder.AddRabbitMQClient("messaging");
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCatalogApi();

app.Run();
