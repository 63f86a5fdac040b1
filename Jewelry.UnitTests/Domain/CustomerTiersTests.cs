extern alias CrmApi;

using CrmApi::Jewelry.CrmApi.Customers;

namespace Jewelry.UnitTests.Domain;

public sealed class CustomerTiersTests
{
    [Theory]
    [InlineData(CustomerTiers.Standard, 0)]
    [InlineData(CustomerTiers.Silver, 3)]
    [InlineData(CustomerTiers.Gold, 5)]
    [InlineData(CustomerTiers.Platinum, 10)]
    [InlineData("diamond", 0)]
    [InlineData("", 0)]
    public void Each_tier_gives_its_discount_and_an_unknown_tier_none(string tier, decimal discountPercent) =>
        Assert.Equal(discountPercent, CustomerTiers.DiscountPercentOf(tier));
}
