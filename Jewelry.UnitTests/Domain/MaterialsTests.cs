using System.ComponentModel.DataAnnotations;
using Jewelry.Contracts.Orders;

namespace Jewelry.UnitTests.Domain;

public sealed class MaterialsTests
{
    [Theory]
    [InlineData(Materials.Gold585, true)]
    [InlineData(Materials.Gold750, true)]
    [InlineData(Materials.Platinum950, true)]
    [InlineData(Materials.Silver925, true)]
    [InlineData("gold", false)]
    [InlineData("gold-999", false)]
    [InlineData("GOLD-585", false)]
    [InlineData("", false)]
    [InlineData(null, true)]
    public void A_request_may_name_only_the_known_materials_and_leaves_a_missing_one_to_Required(string? material, bool valid) =>
        Assert.Equal(valid, new MaterialAttribute().IsValid(material));

    [Fact]
    public void The_attribute_allows_exactly_the_listed_materials() =>
        Assert.Equal(Materials.All, new MaterialAttribute().Values.OfType<string>());

    [Fact]
    public void A_refused_material_is_told_which_ones_exist()
    {
        var result = new MaterialAttribute().GetValidationResult("gold", new ValidationContext(new object()) { DisplayName = "Material" });

        Assert.Equal("Material must be one of gold-585, gold-750, platinum-950, silver-925.", result?.ErrorMessage);
    }
}
