using Microsoft.Extensions.Options;

namespace Jewelry.ServiceDefaults.FaultInjection;

/// <summary>
/// The faults in force: the configured ones, until a developer replaces them at run time (the AppHost's dashboard
/// commands call <c>/dev/faults</c>) or resets them.
/// </summary>
public sealed class FaultInjector(IOptions<FaultInjectionOptions> configured)
{
    private volatile IReadOnlyList<FaultRule> _rules = [.. configured.Value.Rules];

    public IReadOnlyList<FaultRule> Rules => _rules;

    public void Replace(IEnumerable<FaultRule> rules) => _rules = [.. rules];

    public void Reset() => _rules = [.. configured.Value.Rules];

    public FaultRule? ForEndpoint(string method, string? routeTemplate) =>
        _rules.FirstOrDefault(rule => rule.MatchesEndpoint(method, routeTemplate));

    public FaultRule? ForDependency(string? host, string clientName) =>
        _rules.FirstOrDefault(rule => rule.MatchesDependency(host, clientName));

    /// <summary>Whether this request is one of the <see cref="FaultRule.ErrorRate"/> share that fails.</summary>
    public static bool ShouldFail(FaultRule rule) => rule.ErrorRate > 0 && Random.Shared.NextDouble() < rule.ErrorRate;
}
