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
    public const string ShopDatabase = "shopdb";
    public const string CrmDatabase = "crmdb";
    public const string MesDatabase = "mesdb";
    public const string Messaging = "messaging";

    public static IReadOnlyList<string> Services { get; } = [ShopApi, CrmApi, MesApi];

    public static IReadOnlyList<string> All { get; } =
        [Postgres, ShopDatabase, CrmDatabase, MesDatabase, Messaging, ShopApi, CrmApi, MesApi];
}
