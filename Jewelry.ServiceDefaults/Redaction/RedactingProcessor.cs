using System.Diagnostics;
using OpenTelemetry;

namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// The last step before export: every string attribute of every span passes through the
/// <see cref="SensitiveDataRedactor"/>, except attributes that by definition hold no secret or personal data
/// (addresses of servers, ids, methods, routes, status codes), which are skipped for speed and to avoid false hits.
/// </summary>
internal sealed class RedactingProcessor(SensitiveDataRedactor redactor) : BaseProcessor<Activity>
{
    private static readonly HashSet<string> SafeAttributes = new(StringComparer.Ordinal)
    {
        "http.request.method", "http.route", "http.response.status_code", "url.scheme", "network.protocol.name",
        "network.protocol.version", "network.peer.address", "network.local.address", "server.address", "client.address",
        "db.system.name", "db.namespace", "db.operation.name", "messaging.system", "messaging.operation.type",
        "messaging.operation.name", "messaging.destination.name", "messaging.message.id", "jewelry.order.id", "user.id",
        "user.roles", "error.type", "otel.status_code", "aspire.destination",
    };

    public override void OnEnd(Activity activity)
    {
        List<KeyValuePair<string, object?>>? redactions = null;
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            if (!SafeAttributes.Contains(tag.Key) && redactor.RedactAttribute(tag.Key, tag.Value) is var redacted &&
                !ReferenceEquals(redacted, tag.Value))
            {
                (redactions ??= []).Add(new(tag.Key, redacted));
            }
        }

        if (redactions is not null)
        {
            foreach (var (key, value) in redactions)
            {
                activity.SetTag(key, value);
            }
        }
    }
}
