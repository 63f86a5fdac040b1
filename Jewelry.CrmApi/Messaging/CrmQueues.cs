namespace Jewelry.CrmApi.Messaging;

/// <summary>The CRM's queue on the order events exchange.</summary>
public static class CrmQueues
{
    /// <summary>Order events sellers work on; its dead letters wait in <c>crm.orders.dead-letter</c>.</summary>
    public const string Orders = "crm.orders";
}
