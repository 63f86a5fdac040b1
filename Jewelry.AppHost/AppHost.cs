using Jewelry.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddJewelrySystem();
builder.Build().Run();
