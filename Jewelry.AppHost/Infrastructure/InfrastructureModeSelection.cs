namespace Jewelry.AppHost.Infrastructure;

/// <summary>The mode the AppHost runs in, and why, as said in its log at start.</summary>
public sealed record InfrastructureModeSelection(InfrastructureMode Mode, string Reason);
