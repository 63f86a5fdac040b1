namespace Jewelry.MesApi.Production;

/// <summary>The statuses of an order, in the order it normally passes through them, and the allowed moves.</summary>
public static class ProductionStatus
{
    public const string Submitted = nameof(Submitted);
    public const string PriceCalculated = nameof(PriceCalculated);
    public const string Approved = nameof(Approved);
    public const string InProduction = nameof(InProduction);
    public const string QualityCheck = nameof(QualityCheck);
    public const string Completed = nameof(Completed);
    public const string Rejected = nameof(Rejected);
    public const string Cancelled = nameof(Cancelled);

    /// <summary>The moves operators make on the shop floor: from a status to the statuses that may follow it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> OperatorTransitions = new Dictionary<string, string[]>
    {
        [Approved] = [InProduction, Cancelled],
        [InProduction] = [QualityCheck, Cancelled],
        // A piece that fails the check goes back to the bench.
        [QualityCheck] = [Completed, InProduction],
    };

    public static bool OperatorMayMove(string from, string to) =>
        OperatorTransitions.TryGetValue(from, out var next) && next.Contains(to);
}
