using System.Diagnostics;
using System.Text.Json;

namespace Jewelry.Messaging;

/// <summary>The activity source of the messaging plumbing and the names it tags spans with.</summary>
public static class MessagingTelemetry
{
    public const string ActivitySourceName = "Jewelry.Messaging";

    public const string MessageIdAttribute = "messaging.message.id";

    /// <summary>True on a consume span whose message had been handled before and changed nothing.</summary>
    public const string DuplicateAttribute = "jewelry.messaging.duplicate";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
