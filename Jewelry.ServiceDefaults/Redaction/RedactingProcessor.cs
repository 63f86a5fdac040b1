using System.Diagnostics;
using OpenTelemetry;

namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// The last step before export: every attribute of every span passes through the <see cref="SensitiveDataRedactor"/>.
/// </summary>
internal sealed class RedactingProcessor(SensitiveDataRedactor redactor) : BaseProcessor<Activity>
{
    // The changes of one span, reused by the thread for the next.
    [ThreadStatic]
    private static List<KeyValuePair<string, object?>>? t_redactions;

    public override void OnEnd(Activity activity)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        var redactions = t_redactions ??= [];
        redactions.Clear();
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            if (redactor.RedactAttribute(tag.Key, tag.Value) is var redacted && !ReferenceEquals(redacted, tag.Value))
            {
                redactions.Add(new(tag.Key, redacted));
            }
        }

        // Set after the enumeration: the tags cannot change while they are enumerated.
        foreach (var (key, value) in redactions)
        {
            activity.SetTag(key, value);
        }
    }
}
