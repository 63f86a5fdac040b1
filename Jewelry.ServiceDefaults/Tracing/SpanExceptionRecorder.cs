using System.Diagnostics;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Records an exception on a span as the semantic-convention <c>exception</c> event (type, message, stack trace;
/// message and stack trace are redacted as the event is made, by ExceptionEventRedaction) and, for a failure,
/// the span's error status and <c>error.type</c>.
/// </summary>
public static class SpanExceptionRecorder
{
    public static void Record(Activity? activity, Exception exception)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.AddException(exception);
        }
    }

    /// <summary>The span failed because of <paramref name="exception"/>: the event, <c>error.type</c> and the status.</summary>
    public static void RecordFailure(Activity? activity, Exception exception)
    {
        Record(activity, exception);
        activity?.SetTag("error.type", exception.GetType().FullName);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
