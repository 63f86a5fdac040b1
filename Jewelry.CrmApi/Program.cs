using Jewelry.CrmApi.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("crmdb", typeof(Program).Assembly);
builder.AddOrderEventPublishing();
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCustomersApi();

app.Run();
