using Jewelry.Contracts.Orders;

namespace Jewelry.UnitTests.Domain;

public sealed class MaterialsTests
{
    [Theory]
    [InlineData(Materials.Gold585, true)]
    [InlineData(Materials.Gold750, true)]
    [InlineData(Materials.Platinum950, true)]
    [InlineData(Materials.Silver925, true)]
    [InlineData("gold-999", false)]
    [InlineData("GOLD-585", false)]
    [InlineData("", false)]
    public void A_request_may_name_only_the_known_materials(string material, bool valid) =>
        Assert.Equal(valid, new MaterialAttribute().IsValid(material));

    [Fact]
    public void The_attribute_allows_exactly_the_listed_materials() =>
        Assert.Equal(Materials.All, new MaterialAttribute().Values.Cast<string>());
}
