using System.Diagnostics;
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

        activity.SetTag(TimeoutAttributes.Limit, (double)command.CommandTimeout);
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
