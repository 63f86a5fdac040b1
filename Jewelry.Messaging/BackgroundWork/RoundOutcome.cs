namespace Jewelry.Messaging.BackgroundWork;

/// <summary>What a round of <see cref="PollingWorker"/> found.</summary>
public enum RoundOutcome
{
    /// <summary>Less than a batch was due: nothing more to do until the next wait is over.</summary>
    Drained,

    /// <summary>A whole batch was due: more may be waiting, so the next round starts at once.</summary>
    FullBatch,

    /// <summary>The round failed; its work waits for the next round.</summary>
    Failed,
}

public static class RoundOutcomes
{
    /// <summary>A round that took a whole batch may have left more; one that took less has drained what was due.</summary>
    public static RoundOutcome After(int taken, int batchSize) => taken >= batchSize ? RoundOutcome.FullBatch : RoundOutcome.Drained;
}
