using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ as containers or as local processes: see Infrastructure/InfrastructureMode.cs.
var infrastructure = builder.AddJewelryInfrastructure();
var jwtSigningKey = builder.AddJwtSigningKey();
var traceHashKey = builder.AddTraceHashKey();

var crm = builder.AddProject<Projects.Jewelry_CrmApi>(ResourceNames.CrmApi)
    .WithReference(infrastructure.CrmDatabase).WaitFor(infrastructure.CrmDatabase)
    .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
    .WithTokenValidation(jwtSigningKey)
    .WithTraceHashKey(traceHashKey)
    .WithFaultInjection(builder.Configuration)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Jewelry_MesApi>(ResourceNames.MesApi)
    .WithReference(infrastructure.MesDatabase).WaitFor(infrastructure.MesDatabase)
    .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
    .WithTokenValidation(jwtSigningKey)
    .WithTraceHashKey(traceHashKey)
    .WithFaultInjection(builder.Configuration)
    // Pricing is minutes of work in real life; a stand-in duration keeps it visibly asynchronous (tests shorten it).
    .WithEnvironment("PriceCalculation__Duration", builder.Configuration["Mes:PriceCalculationDuration"] ?? "00:00:20")
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Jewelry_ShopApi>(ResourceNames.ShopApi)
    .WithReference(infrastructure.ShopDatabase).WaitFor(infrastructure.ShopDatabase)
    .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
    .WithReference(crm)
    .WithTokenValidation(jwtSigningKey)
    .WithTraceHashKey(traceHashKey)
    .WithFaultInjection(builder.Configuration)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
