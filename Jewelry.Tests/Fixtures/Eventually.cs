namespace Jewelry.Tests.Fixtures;

/// <summary>Polls something that changes asynchronously (an event handled in another service) until it holds, or fails at a deadline.</summary>
public static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var last = await probe();
        while (!condition(last))
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"{what} did not happen in time; last seen: {last}");
            }

            await Task.Delay(250, CancellationToken.None);
            last = await probe();
        }

        return last;
    }
}
