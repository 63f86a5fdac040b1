namespace Jewelry.MesApi.Messaging;

/// <summary>The queues MES consumes.</summary>
public static class MesQueues
{
    /// <summary>Order events MES acts on; its dead letters wait in <c>mes.orders.dead-letter</c>.</summary>
    public const string Orders = "mes.orders";
}
