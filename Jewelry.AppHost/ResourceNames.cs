namespace Jewelry.AppHost;

/// <summary>
/// The names of the application's resources. They are also the connection-string and service-discovery names
/// the services use, so they are the same in every infrastructure mode.
/// </summary>
public static class ResourceNames
{
    public const string ShopApi = "shop-api";
    public const string CrmApi = "crm-api";
    public const string MesApi = "mes-api";

    public const string Postgres = "postgres";
    // With PostgreSQL:Standby=true only: the primary's streaming replica.
    public const string PostgresStandby = "postgres-standby";
    public const string ShopDatabase = "shopdb";
    public const string CrmDatabase = "crmdb";
    public const string MesDatabase = "mesdb";
    public const string Messaging = "messaging";

    // Containers mode only: the operations path for traces.
    public const string OtelCollector = "otel-collector";
    public const string Jaeger = "jaeger";

    public static IReadOnlyList<string> Services { get; } = [ShopApi, CrmApi, MesApi];

    /// <summary>The resources of every mode (the collector and Jaeger exist in Containers mode only).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Postgres, ShopDatabase, CrmDatabase, MesDatabase, Messaging, ShopApi, CrmApi, MesApi];

    public static IReadOnlyList<string> TracingPipeline { get; } = [OtelCollector, Jaeger];
}
