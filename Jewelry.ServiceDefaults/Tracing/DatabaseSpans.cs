using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Database spans that read like the story of the request: named <c>INSERT orders</c> rather than
/// <c>postgresql</c>, with <c>db.operation.name</c>, <c>db.collection.name</c> and the command timeout the query
/// was allowed. The query text is Npgsql's own <c>db.query.text</c>, with parameters as placeholders
/// (<c>@orderId</c>), never their values.
/// </summary>
internal static partial class DatabaseSpans
{
    public static void Configure(NpgsqlTracingOptionsBuilder tracing) => tracing
        .ConfigureCommandSpanNameProvider(command => Summarise(command.CommandText) is var (operation, collection)
            ? collection is null ? operation : $"{operation} {collection}"
            : "postgresql")
        .ConfigureCommandEnrichmentCallback(Enrich)
        // One event per query saying the first row arrived: noise in every waterfall.
        .EnableFirstResponseEvent(false);

    private static void Enrich(Activity activity, NpgsqlCommand command)
    {
        if (Summarise(command.CommandText) is var (operation, collection))
        {
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.collection.name", collection);
        }

        activity.SetTag(OutgoingCallTimeouts.LimitAttribute, (double)command.CommandTimeout);
    }

    /// <summary>
    /// A statement that ran out of time fails as an Npgsql error with a <see cref="TimeoutException"/> inside (the
    /// command timeout) or as PostgreSQL's 57014 (a statement timeout): either way the span says
    /// <c>error.type</c> = <c>timeout</c>, next to the limit it already carries.
    /// </summary>
    internal static void DescribeTimeout(Activity activity)
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
            activity.SetTag("error.type", OutgoingCallTimeouts.ErrorType);
            activity.SetTag(OutgoingCallTimeouts.KindAttribute, "command");
        }
    }

    /// <summary>The operation and the table it works on, from the first statement of the text.</summary>
    internal static (string Operation, string? Collection)? Summarise(string? commandText)
    {
        if (string.IsNullOrWhiteSpace(commandText) || StatementPattern().Match(commandText) is not { Success: true } match)
        {
            return null;
        }

        var operation = match.Groups["operation"].Value.ToUpperInvariant();
        var collection = match.Groups["collection"] is { Success: true } table ? table.Value.ToLowerInvariant() : null;
        return (operation, collection);
    }

    // UPDATE names its table first; the others after FROM, INTO or TABLE (the first one in the statement).
    [GeneratedRegex("""^\s*(?:(?<operation>UPDATE)\s+(?:ONLY\s+)?(?<collection>[A-Za-z_][\w.]*)|(?<operation>SELECT|INSERT|DELETE|WITH|CREATE|ALTER|DROP|LOCK|TRUNCATE)\b(?:(?:(?!;).)*?\b(?:FROM|INTO|TABLE)\s+(?<collection>[A-Za-z_][\w.]*))?)""",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex StatementPattern();
}
