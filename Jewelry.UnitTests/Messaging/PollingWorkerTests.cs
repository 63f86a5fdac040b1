using Jewelry.Messaging.BackgroundWork;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jewelry.UnitTests.Messaging;

public sealed class PollingWorkerTests
{
    [Fact]
    public async Task A_failed_round_is_followed_by_the_next_even_when_a_timeout_cancelled_it()
    {
        // A timeout's cancellation is an OperationCanceledException too; letting it out would stop the service.
        using var worker = new ScriptedWorker(new OperationCanceledException("confirm timeout"), new InvalidOperationException("database down"));

        await worker.StartAsync(CancellationToken.None);
        var firstGoodRound = await worker.FirstGoodRound.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(3, firstGoodRound);
        Assert.True(worker.ExecuteTask!.IsCompleted);
        Assert.False(worker.ExecuteTask.IsFaulted);
    }

    [Fact]
    public async Task Stopping_ends_the_loop_without_another_round()
    {
        using var worker = new ScriptedWorker();
        await worker.StartAsync(CancellationToken.None);
        await worker.FirstGoodRound.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await worker.StopAsync(CancellationToken.None);
        var rounds = worker.Rounds;
        await Task.Delay(100);

        Assert.True(worker.ExecuteTask!.IsCompleted);
        Assert.Equal(rounds, worker.Rounds);
    }

    [Fact]
    public async Task Rounds_that_find_full_batches_follow_each_other_without_waiting()
    {
        using var worker = new BacklogWorker(fullBatches: 500);
        await worker.StartAsync(CancellationToken.None);

        var roundsBeforeTheFirstWait = await worker.FirstWait.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await worker.StopAsync(CancellationToken.None);

        // 500 full batches and the round that found the rest, with no wait in between (each wait is an hour).
        Assert.Equal(501, roundsBeforeTheFirstWait);
    }

    [Fact]
    public async Task A_failed_round_waits_before_the_next_even_when_it_would_have_found_a_full_batch()
    {
        using var worker = new BacklogWorker(fullBatches: 500, failFirstRound: true);
        await worker.StartAsync(CancellationToken.None);

        var roundsBeforeTheFirstWait = await worker.FirstWait.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await worker.StopAsync(CancellationToken.None);

        // A broker or database that is down is not hammered in a tight loop.
        Assert.Equal(1, roundsBeforeTheFirstWait);
    }

    /// <summary>Finds a full batch in its first rounds, then less; its wait lasts an hour and records when it began.</summary>
    private sealed class BacklogWorker(int fullBatches, bool failFirstRound = false) : PollingWorker(NullLogger.Instance)
    {
        private int _rounds;

        /// <summary>Completes with the number of rounds run before the first wait.</summary>
        public TaskCompletionSource<int> FirstWait { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override string WorkName => "Backlog";

        protected override Task<RoundOutcome> RunRoundAsync(CancellationToken stoppingToken)
        {
            var round = ++_rounds;
            if (failFirstRound && round == 1)
            {
                throw new InvalidOperationException("database down");
            }

            return Task.FromResult(round <= fullBatches ? RoundOutcome.FullBatch : RoundOutcome.Drained);
        }

        protected override Task WaitForNextRoundAsync(CancellationToken stoppingToken)
        {
            FirstWait.TrySetResult(_rounds);
            return Task.Delay(TimeSpan.FromHours(1), stoppingToken);
        }
    }

    /// <summary>Throws the given failures in its first rounds, then succeeds; waits 10 ms between rounds.</summary>
    private sealed class ScriptedWorker(params Exception[] failures) : PollingWorker(NullLogger.Instance)
    {
        private int _rounds;

        public int Rounds => Volatile.Read(ref _rounds);

        /// <summary>Completes with the number of the first round that did not throw.</summary>
        public TaskCompletionSource<int> FirstGoodRound { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override string WorkName => "Scripted work";

        protected override Task<RoundOutcome> RunRoundAsync(CancellationToken stoppingToken)
        {
            var round = Interlocked.Increment(ref _rounds);
            if (round <= failures.Length)
            {
                throw failures[round - 1];
            }

            FirstGoodRound.TrySetResult(round);
            return Task.FromResult(RoundOutcome.Drained);
        }

        protected override Task WaitForNextRoundAsync(CancellationToken stoppingToken) =>
            Task.Delay(TimeSpan.FromMilliseconds(10), stoppingToken);
    }
}
