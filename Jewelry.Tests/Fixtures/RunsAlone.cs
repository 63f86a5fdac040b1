namespace Jewelry.Tests.Fixtures;

/// <summary>
/// Test classes that need the test program to themselves, while the other collections run side by side: their
/// in-process telemetry hears every activity of the program (another collection's database and broker calls, which
/// tests make from this program, would join the spans they count), or they start an application of their own that
/// would compete with the others for the cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
