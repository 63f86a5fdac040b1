extern alias MesApi;

using MesApi::Jewelry.MesApi.Production;

namespace Jewelry.UnitTests.Domain;

public sealed class PriceListTests
{
    [Theory]
    [InlineData(1000, null, 0, 1000)]
    [InlineData(1000, "silver-925", 0, 1250)]
    [InlineData(1000, "gold-585", 0, 1900)]
    [InlineData(1000, "gold-750", 0, 2400)]
    [InlineData(1000, "platinum-950", 0, 3100)]
    [InlineData(1000, "unobtainium", 0, 2500)]
    public void A_custom_piece_adds_its_material_s_price_to_the_subtotal(decimal subtotal, string? material, decimal discount, decimal price) =>
        Assert.Equal(price, PriceList.PriceOf(subtotal, material, discount));

    [Theory]
    [InlineData(1000, "gold-585", 5, 1805)]
    [InlineData(99.99, null, 3, 96.99)]
    [InlineData(0.01, null, 50, 0.01)]
    [InlineData(123.45, null, 10, 111.11)]
    public void The_discount_applies_to_the_whole_price_rounded_to_cents_half_away_from_zero(
        decimal subtotal, string? material, decimal discount, decimal price) =>
        Assert.Equal(price, PriceList.PriceOf(subtotal, material, discount));
}
