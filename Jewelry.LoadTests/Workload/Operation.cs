namespace Jewelry.LoadTests.Workload;

/// <summary>One request of the mix: who sends it, and to which service.</summary>
public enum Operation
{
    BrowseCatalog,
    SearchCatalog,
    ViewItem,
    PlaceOrder,
    FollowOrder,
    SellerWorklist,
    ApproveOrder,
    OperatorQueue,
    MoveProduction,
}

/// <summary>
/// How often each operation is drawn: a shop is mostly browsed, some visits end in an order, and sellers and
/// operators work through what the orders create.
/// </summary>
public static class OperationMix
{
    private static readonly (Operation Operation, int Weight)[] Weights =
    [
        (Operation.BrowseCatalog, 25),
        (Operation.SearchCatalog, 20),
        (Operation.ViewItem, 15),
        (Operation.PlaceOrder, 10),
        (Operation.FollowOrder, 10),
        (Operation.SellerWorklist, 5),
        (Operation.ApproveOrder, 5),
        (Operation.OperatorQueue, 5),
        (Operation.MoveProduction, 5),
    ];

    private static readonly int TotalWeight = Weights.Sum(entry => entry.Weight);

    public static Operation Draw(Random random)
    {
        var point = random.Next(TotalWeight);
        foreach (var (operation, weight) in Weights)
        {
            if (point < weight)
            {
                return operation;
            }

            point -= weight;
        }

        throw new InvalidOperationException("The weights do not add up.");
    }

    public static string Describe() =>
        string.Join(", ", Weights.Select(entry => $"{entry.Operation} {entry.Weight * 100 / TotalWeight} %"));
}
