namespace Jewelry.Tests.Fixtures;

/// <summary>Tests that share one running application; starting it takes seconds and stopping it more.</summary>
[CollectionDefinition(Name)]
public sealed class SharedJewelryApp : ICollectionFixture<JewelryAppFixture>
{
    public const string Name = "Jewelry application";
}
