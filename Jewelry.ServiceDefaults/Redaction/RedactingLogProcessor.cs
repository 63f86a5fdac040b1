using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// The same rules for logs as for spans, before export: the formatted message and every attribute, and the
/// exception, which leaves as redacted <c>exception.*</c> attributes (an Exception object's message cannot be
/// changed, so the record stops carrying the object itself).
/// </summary>
internal sealed class RedactingLogProcessor(SensitiveDataRedactor redactor) : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = redactor.Redact(message);
        }

        if (data.Body is { } body)
        {
            data.Body = redactor.Redact(body);
        }

        var attributes = data.Attributes;
        var exception = data.Exception;
        if (attributes is null && exception is null)
        {
            return;
        }

        List<KeyValuePair<string, object?>> redacted = new((attributes?.Count ?? 0) + 3);
        foreach (var (key, value) in attributes ?? [])
        {
            redacted.Add(new(key, redactor.RedactAttribute(key, value)));
        }

        if (exception is not null)
        {
            var (exceptionMessage, stackTrace) = redactor.RedactException(exception);
            redacted.Add(new("exception.type", exception.GetType().FullName));
            redacted.Add(new("exception.message", exceptionMessage));
            redacted.Add(new("exception.stacktrace", stackTrace));
            data.Exception = null;
        }

        data.Attributes = redacted;
    }
}
