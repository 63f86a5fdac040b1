namespace Jewelry.MesApi.Production;

/// <summary>Configuration section <c>PriceCalculation</c>; the AppHost sets the duration (short in tests).</summary>
public sealed class PriceCalculationOptions
{
    public const string SectionName = "PriceCalculation";

    /// <summary>How long pricing one order takes, standing in for the real, slow calculation.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the worker waits after a round that found less than a batch due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Calculations priced in one transaction; a full batch starts the next round at once.</summary>
    public int BatchSize { get; set; } = 20;
}
