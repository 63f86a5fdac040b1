using Jewelry.Contracts.Validation;

namespace Jewelry.Contracts.Orders;

/// <summary>The metals a piece is made of, as orders name them in every service.</summary>
public static class Materials
{
    public const string Gold585 = "gold-585";
    public const string Gold750 = "gold-750";
    public const string Platinum950 = "platinum-950";
    public const string Silver925 = "silver-925";

    public static IReadOnlyList<string> All { get; } = [Gold585, Gold750, Platinum950, Silver925];
}

/// <summary>A property that names one of the <see cref="Materials"/>.</summary>
public sealed class MaterialAttribute() : OneOfAttribute(Materials.All);
