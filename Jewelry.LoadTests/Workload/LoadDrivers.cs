using System.Diagnostics;
using Jewelry.LoadTests.Measurement;

namespace Jewelry.LoadTests.Workload;

/// <summary>The two ways load is offered: as fast as the system answers, and at a fixed rate whatever it answers.</summary>
public static class LoadDrivers
{
    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> users, each sending its next request as soon as the last one
    /// is answered. What the system then serves is its maximum throughput.
    /// </summary>
    public static async Task RunClosedLoopAsync(Shoppers shoppers, int concurrency, TimeSpan duration, PhaseRecorder recorder, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var users = Enumerable.Range(0, concurrency).Select(async user =>
        {
            var random = new Random(user);
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await shoppers.SendAsync(OperationMix.Draw(random), random, cancellationToken);
                recorder.Record(result, started);
            }
        });
        await Task.WhenAll(users);
    }

    /// <summary>
    /// Open loop: requests are due at <paramref name="requestsPerSecond"/>, evenly spaced, and each is sent when
    /// due however many are still waiting for an answer; its latency counts from when it was due. Beyond
    /// <paramref name="maxInFlight"/> unanswered requests the generator itself would be the bottleneck: those are
    /// counted as not sent.
    /// </summary>
    public static async Task RunOpenLoopAsync(
        Shoppers shoppers, double requestsPerSecond, TimeSpan duration, int maxInFlight, PhaseRecorder recorder, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var start = Stopwatch.GetTimestamp();
        var total = (long)(requestsPerSecond * duration.TotalSeconds);
        var inFlight = 0;
        var pending = new List<Task>();
        for (long sent = 0; sent < total && !cancellationToken.IsCancellationRequested;)
        {
            // Request i is due at i / rate: by now, all those up to the elapsed time's multiple of the rate.
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * requestsPerSecond) + 1;
            for (; sent < Math.Min(due, total); sent++)
            {
                var dueAt = start + (long)(sent / requestsPerSecond * Stopwatch.Frequency);
                if (Volatile.Read(ref inFlight) >= maxInFlight)
                {
                    recorder.RecordNotSent();
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                var operation = OperationMix.Draw(random);
                var requestRandom = new Random(random.Next());
                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        var sentAt = Stopwatch.GetTimestamp();
                        recorder.Record(await shoppers.SendAsync(operation, requestRandom, cancellationToken), dueAt, sentAt);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }, cancellationToken));
            }

            pending.RemoveAll(task => task.IsCompleted);
            await Task.Delay(1, cancellationToken);
        }

        await Task.WhenAll(pending);
    }
}
