using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ as containers or as local processes, with the collector and Jaeger in Containers mode:
// see Infrastructure/InfrastructureMode.cs and Telemetry/.
var infrastructure = builder.AddJewelryInfrastructure();
builder.AddJewelryServices(infrastructure);

builder.Build().Run();
