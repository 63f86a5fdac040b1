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
