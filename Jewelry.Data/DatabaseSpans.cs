using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Jewelry.ServiceDefaults.Tracing;
using Npgsql;

namespace Jewelry.Data;

/// <summary>
/// Database spans that read like the story of the request: named <c>INSERT orders</c> rather than
/// <c>postgresql</c>, with <c>db.operation.name</c>, <c>db.collection.name</c> and the command timeout the query
/// was allowed. The query text is Npgsql's own <c>db.query.text</c>, with parameters as placeholders
/// (<c>@orderId</c>), never their values.
/// </summary>
internal static partial class DatabaseSpans
{
    public static void Configure(NpgsqlTracingOptionsBuilder tracing) => tracing
        .ConfigureCommandSpanNameProvider(command => SummaryOf(command.CommandText).SpanName)
        .ConfigureCommandEnrichmentCallback(Enrich)
        // One event per query saying the first row arrived: noise in every waterfall.
        .EnableFirstResponseEvent(false);

    private static void Enrich(Activity activity, NpgsqlCommand command)
    {
        if (SummaryOf(command.CommandText) is { Operation: { } operation } summary)
        {
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.collection.name", summary.Collection);
        }

        activity.SetTag(TimeoutAttributes.Limit, (double)command.CommandTimeout);
    }

    internal sealed record StatementSummary(string SpanName, string? Operation, string? Collection);

    private static readonly StatementSummary Unrecognised = new("postgresql", null, null);

    // Keyed by the text's reference: a query's text is one string constant, summarised once; a text built per call
    // leaves the table when the string is collected, so the table never outgrows the queries in use.
    private static readonly ConditionalWeakTable<string, StatementSummary> Summaries = new();

    /// <summary>The span name and attributes for a command's text, worked out once per text.</summary>
    internal static StatementSummary SummaryOf(string? commandText) => commandText is null
        ? Unrecognised
        : Summaries.GetValue(commandText, static text => Summarise(text) is var (operation, collection)
            ? new StatementSummary(collection is null ? operation : $"{operation} {collection}", operation, collection)
            : Unrecognised);

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
