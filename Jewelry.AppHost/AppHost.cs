using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.Telemetry;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ as containers or as local processes, with the collector and Jaeger in Containers mode:
// see Infrastructure/InfrastructureMode.cs and Telemetry/.
var infrastructure = builder.AddJewelryInfrastructure();
var jwtSigningKey = builder.AddJwtSigningKey();
var traceHashKey = builder.AddTraceHashKey();

// What every service gets: its database, the broker, token validation, the trace hash key, its trace export
// (collector or dashboard) and fault injection configured from here.
IResourceBuilder<ProjectResource> AddService<TProject>(string name, IResourceBuilder<IResourceWithConnectionString> database)
    where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name)
        .WithReference(database).WaitFor(database)
        .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
        .WithTokenValidation(jwtSigningKey)
        .WithTraceHashKey(traceHashKey)
        .WithTraceExport(infrastructure.Collector)
        .WithFaultInjection(builder.Configuration)
        .WithHttpHealthCheck("/health");

var crm = AddService<Projects.Jewelry_CrmApi>(ResourceNames.CrmApi, infrastructure.CrmDatabase);

AddService<Projects.Jewelry_MesApi>(ResourceNames.MesApi, infrastructure.MesDatabase)
    // Pricing is minutes of work in real life; a stand-in duration keeps it visibly asynchronous (tests shorten it).
    .WithEnvironment("PriceCalculation__Duration", builder.Configuration["Mes:PriceCalculationDuration"] ?? "00:00:20");

AddService<Projects.Jewelry_ShopApi>(ResourceNames.ShopApi, infrastructure.ShopDatabase)
    .WithReference(crm);

builder.Build().Run();
