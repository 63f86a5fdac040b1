namespace Jewelry.ShopApi.Messaging;

/// <summary>The Shop's queue on the order events exchange.</summary>
public static class ShopQueues
{
    /// <summary>Order events the Shop shows its customers; its dead letters wait in <c>shop.orders.dead-letter</c>.</summary>
    public const string Orders = "shop.orders";
}
