using System.Diagnostics;
using System.Text.Json;

namespace Jewelry.ServiceDefaults.Messaging;

/// <summary>The activity source of the messaging plumbing and the names it tags spans with.</summary>
public static class MessagingTelemetry
{
    public const string ActivitySourceName = "Jewelry.Messaging";

    /// <summary>The order a span works on; searched for to find every trace of one order.</summary>
    public const string OrderIdAttribute = "jewelry.order.id";

    public const string MessageIdAttribute = "messaging.message.id";

    /// <summary>True on a consume span whose message had been handled before and changed nothing.</summary>
    public const string DuplicateAttribute = "jewelry.messaging.duplicate";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
