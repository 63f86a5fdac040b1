namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// How a dependency span says it was given a time limit, and that the limit ran out: the HTTP client, database
/// and publisher-confirm spans all use these names.
/// </summary>
public static class TimeoutAttributes
{
    /// <summary>The <c>error.type</c> of a call that ran out of time.</summary>
    public const string ErrorType = "timeout";

    /// <summary>The limit the call was allowed, in seconds.</summary>
    public const string Limit = "jewelry.timeout.limit_seconds";

    /// <summary>Which limit fired: <c>total</c>, <c>attempt</c>, <c>command</c>, <c>publisher-confirm</c>.</summary>
    public const string Kind = "jewelry.timeout.kind";
}
