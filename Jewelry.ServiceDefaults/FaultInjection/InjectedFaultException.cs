namespace Jewelry.ServiceDefaults.FaultInjection;

/// <summary>A failure made on purpose by a fault rule; its type in <c>error.type</c> says so in every trace.</summary>
public sealed class InjectedFaultException(string target)
    : Exception($"Fault injected for '{target}' (FaultInjection rules; never in Production).");
