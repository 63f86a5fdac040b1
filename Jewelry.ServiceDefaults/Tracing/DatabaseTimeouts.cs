using System.Diagnostics;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// A statement that ran out of time fails as an Npgsql error with a <see cref="TimeoutException"/> inside (the
/// command timeout) or as PostgreSQL's 57014 (a statement timeout): either way the span says
/// <c>error.type</c> = <c>timeout</c>, next to the limit it already carries.
/// </summary>
internal static class DatabaseTimeouts
{
    public static void Describe(Activity activity)
    {
        if (activity.Status != ActivityStatusCode.Error)
        {
            return;
        }

        var timedOut = activity.GetTagItem("error.type") is "57014" ||
            activity.Events.Any(activityEvent => activityEvent.Name == "exception" && activityEvent.Tags.Any(tag =>
                tag.Key == "exception.stacktrace" && tag.Value is string trace && trace.Contains(nameof(TimeoutException), StringComparison.Ordinal)));
        if (timedOut)
        {
            activity.SetTag("error.type", TimeoutAttributes.ErrorType);
            activity.SetTag(TimeoutAttributes.Kind, "command");
        }
    }
}
