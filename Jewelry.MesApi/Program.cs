using Jewelry.MesApi.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("mesdb", typeof(Program).Assembly);
builder.AddRabbitMQClient("messaging");
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductionOrdersApi();

app.Run();
