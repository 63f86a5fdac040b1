using System.Text.Json.Serialization;

namespace Jewelry.ServiceDefaults.FaultInjection;

/// <summary>
/// One injected fault. <see cref="Target"/> is an endpoint of this service, as its route template with or without
/// the method (<c>GET /api/customers/{id:guid}</c>, <c>/api/orders/</c>, or <c>*</c> for every endpoint), or an
/// outgoing HTTP dependency as <c>http:&lt;host or client name&gt;</c> (<c>http:crm-api</c>).
/// </summary>
public sealed record FaultRule
{
    public const string DependencyPrefix = "http:";

    public string Target { get; init; } = "*";

    /// <summary>Added before the endpoint runs, or before the outgoing call is sent.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Share of matching requests (0 to 1) that fail with a 500; endpoints only.</summary>
    public double ErrorRate { get; init; }

    [JsonIgnore]
    public bool IsDependency => Target.StartsWith(DependencyPrefix, StringComparison.OrdinalIgnoreCase);

    public bool MatchesEndpoint(string method, string? routeTemplate)
    {
        if (IsDependency || routeTemplate is null)
        {
            return false;
        }

        if (Target == "*")
        {
            return true;
        }

        var space = Target.IndexOf(' ');
        return space < 0
            ? Target.Equals(routeTemplate, StringComparison.OrdinalIgnoreCase)
            : Target.AsSpan(0, space).Equals(method, StringComparison.OrdinalIgnoreCase) &&
              Target.AsSpan(space + 1).Equals(routeTemplate, StringComparison.OrdinalIgnoreCase);
    }

    public bool MatchesDependency(string? host, string clientName) =>
        IsDependency &&
        (Target.AsSpan(DependencyPrefix.Length).Equals(host, StringComparison.OrdinalIgnoreCase) ||
         Target.AsSpan(DependencyPrefix.Length).Equals(clientName, StringComparison.OrdinalIgnoreCase));
}
