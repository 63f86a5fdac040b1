using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The input of a request as span attributes, under one prefix: <c>jewelry.request.route.&lt;name&gt;</c>,
/// <c>jewelry.request.query.&lt;name&gt;</c> and <c>jewelry.request.body.&lt;json.path&gt;</c> (array items by index,
/// <c>items.0.quantity</c>). Server spans describe the request received, HTTP client spans the request sent.
/// Values are bounded here and redacted by name and content before export (RedactingProcessor).
/// </summary>
internal static class InputParameters
{
    public const string Prefix = "jewelry.request.";
    public const string RoutePrefix = Prefix + "route.";
    public const string QueryPrefix = Prefix + "query.";
    public const string BodyPrefix = Prefix + "body.";
    public const string BodyTruncatedAttribute = Prefix + "body_truncated";
    public const string BodyNotCapturedAttribute = Prefix + "body_not_captured";

    /// <summary>Bodies above this size are not read for tracing; the span says why instead.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>At most this many attributes per source (route, query, body): a span is not a copy of the payload.</summary>
    public const int MaxFields = 32;

    public const int MaxValueLength = 256;

    // Attribute names are built once per parameter name; a request with invented names cannot grow this forever.
    private const int MaxCachedNames = 1024;
    private static readonly ConcurrentDictionary<string, string> RouteAttributes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> QueryAttributes = new(StringComparer.Ordinal);

    public static string RouteAttribute(string name) => AttributeName(RouteAttributes, RoutePrefix, name);

    public static string QueryAttribute(string name) => AttributeName(QueryAttributes, QueryPrefix, name);

    /// <summary>The attribute of a query parameter named by a span of the query string: no string is made for a known name.</summary>
    public static string QueryAttribute(ReadOnlySpan<char> name) =>
        QueryAttributes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var attribute) ? attribute : QueryAttribute(name.ToString());

    private static string AttributeName(ConcurrentDictionary<string, string> cache, string prefix, string name) =>
        cache.TryGetValue(name, out var attribute) ? attribute
        : cache.Count < MaxCachedNames ? cache.GetOrAdd(name, prefix + name)
        : prefix + name;

    public static string Bound(string value) =>
        value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength), "…");

    /// <summary>
    /// Every leaf of a JSON document as one attribute. Returns false when the text is not JSON, which the endpoint
    /// itself will refuse; the span then carries no body fields.
    /// </summary>
    public static bool TryAddJsonBody(Activity activity, ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip });
            var added = 0;
            AddLeaves(activity, document.RootElement, BodyPrefix.TrimEnd('.'), ref added);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void AddLeaves(Activity activity, JsonElement element, string path, ref int added)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AddLeaves(activity, property.Value, $"{path}.{property.Name}", ref added);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AddLeaves(activity, item, $"{path}.{index++}", ref added);
                }

                break;
            default:
                if (added == MaxFields)
                {
                    activity.SetTag(BodyTruncatedAttribute, true);
                    added++;
                }
                else if (added < MaxFields)
                {
                    activity.SetTag(path, Bound(LeafText(element)));
                    added++;
                }

                break;
        }
    }

    /// <summary>Recorded for a string no .NET string can hold (invalid UTF-8 in the body).</summary>
    public const string UnreadableText = "[not valid text]";

    /// <summary>
    /// A leaf's value as text. JSON is only checked for well-formedness when parsed: a string escaping half a
    /// surrogate pair ("\ud800") is recorded as written, one with invalid UTF-8 as <see cref="UnreadableText"/>,
    /// instead of failing the request.
    /// </summary>
    private static string LeafText(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return element.GetRawText();
        }

        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            return element.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return UnreadableText;
        }
    }

    /// <summary>Query parameters of a raw query string (<c>?a=1&amp;b=2</c>), values URL-decoded.</summary>
    public static void AddQuery(Activity activity, string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return;
        }

        var added = 0;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (added++ == MaxFields)
            {
                break;
            }

            var separator = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..].Replace('+', ' '));
            // A repeated name (?tag=a&tag=b) keeps every value, as ASP.NET Core reads it: "a,b".
            var attribute = QueryAttribute(name);
            activity.SetTag(attribute, activity.GetTagItem(attribute) is string earlier ? Bound($"{earlier},{value}") : Bound(value));
        }
    }
}
