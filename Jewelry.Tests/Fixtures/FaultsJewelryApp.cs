namespace Jewelry.Tests.Fixtures;

/// <summary>
/// Tests that break their application for a while (a service killed, the broker or the database stopped, the trace
/// receiver frozen) share an application of their own, so that the other tests, on <see cref="SharedJewelryApp"/>,
/// run beside them instead of after them: the faults mostly wait for time-outs and restarts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsJewelryApp : ICollectionFixture<JewelryAppFixture>
{
    public const string Name = "Jewelry application for faults";
}
