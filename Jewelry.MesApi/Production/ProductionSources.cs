using Jewelry.Contracts.Validation;

namespace Jewelry.MesApi.Production;

/// <summary>Where a production order came from.</summary>
public static class ProductionSources
{
    /// <summary>Placed by a customer in the Shop and approved by a seller in the CRM.</summary>
    public const string Shop = "shop";

    /// <summary>Placed by a B2B partner straight in MES, under contract prices.</summary>
    public const string Partner = "partner";

    public static IReadOnlyList<string> All { get; } = [Shop, Partner];
}

/// <summary>A property that names one of the <see cref="ProductionSources"/>.</summary>
public sealed class ProductionSourceAttribute() : OneOfAttribute(ProductionSources.All);
