using System.Runtime.CompilerServices;
using Jewelry.AppHost.Infrastructure;

namespace Jewelry.Tests.Fixtures;

/// <summary>The container runtime of this machine, if one answers: Docker first, then Podman (asked once per run).</summary>
public static class ContainerRuntime
{
    private static readonly Lazy<(string? Name, string Description)> Probed = new(() =>
    {
        var descriptions = new List<string>();
        foreach (var runtime in new[] { "docker", "podman" })
        {
            var result = ContainerRuntimeProbe.Probe(runtime);
            if (result.IsAvailable)
            {
                return (runtime, result.Description);
            }

            descriptions.Add(result.Description);
        }

        return (null, string.Join("; ", descriptions));
    });

    /// <summary>"docker" or "podman", or null when neither engine answers.</summary>
    public static string? Name => Probed.Value.Name;

    public static string Description => Probed.Value.Description;
}

/// <summary>
/// A test that needs a container engine: run where Docker or Podman answers, reported as skipped (with the reason)
/// where none does, so the suite stays green there and says what it did not run.
/// </summary>
public sealed class ContainerRuntimeFactAttribute : FactAttribute
{
    public ContainerRuntimeFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (ContainerRuntime.Name is null)
        {
            Skip = $"Needs a container engine (Docker or Podman): {ContainerRuntime.Description}.";
        }
    }
}

/// <summary>A theory that needs a container engine: skipped with the reason where none answers, as <see cref="ContainerRuntimeFactAttribute"/>.</summary>
public sealed class ContainerRuntimeTheoryAttribute : TheoryAttribute
{
    public ContainerRuntimeTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (ContainerRuntime.Name is null)
        {
            Skip = $"Needs a container engine (Docker or Podman): {ContainerRuntime.Description}.";
        }
    }
}
