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
            if (tag.Value is null || SafeAttributes.Contains(tag.Key))
            {
                continue;
            }

            // An attribute named after a sensitive parameter (jewelry.request.body.password) is masked whatever its
            // value looks like, numbers included; other text is searched for secrets and personal data.
            var parameterName = ParameterName(tag.Key);
            if (redactor.IsSensitiveName(parameterName))
            {
                (redactions ??= []).Add(new(tag.Key, redactor.RedactValueOf(parameterName, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")));
            }
            else if (tag.Value is string text && redactor.Redact(text) is var redacted && !ReferenceEquals(redacted, text))
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

    /// <summary>
    /// The last segment of an attribute name that names a parameter: <c>password</c> of
    /// <c>jewelry.request.body.password</c>, <c>phones</c> of <c>jewelry.request.body.phones.0</c>.
    /// </summary>
    internal static ReadOnlySpan<char> ParameterName(string key)
    {
        var name = key.AsSpan();
        var dot = name.LastIndexOf('.');
        if (dot > 0 && !name[(dot + 1)..].ContainsAnyExceptInRange('0', '9'))
        {
            name = name[..dot];
            dot = name.LastIndexOf('.');
        }

        return name[(dot + 1)..];
    }
}
