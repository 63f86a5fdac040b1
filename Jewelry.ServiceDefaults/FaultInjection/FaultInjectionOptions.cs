namespace Jewelry.ServiceDefaults.FaultInjection;

/// <summary>
/// Faults injected from start-up (configuration section <c>FaultInjection</c>, which the AppHost fills per service
/// from its own <c>FaultInjection:&lt;service&gt;</c> section). Empty by default; ignored in Production.
/// </summary>
public sealed class FaultInjectionOptions
{
    public const string SectionName = "FaultInjection";

    public List<FaultRule> Rules { get; set; } = [];
}
