namespace Jewelry.Tests.Fixtures;

/// <summary>Polls something that changes asynchronously (an event handled in another service) until it holds, or fails at a deadline.</summary>
public static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var last = await LastAsync(probe, condition, timeout ?? TimeSpan.FromSeconds(30));
        if (!condition(last))
        {
            Assert.Fail($"{what} did not happen in time; last seen: {last}");
        }

        return last;
    }

    /// <summary>
    /// The probe's value once <paramref name="condition"/> holds, or its last value at the deadline: for a caller whose
    /// assertions then say what differs better than the value's ToString would.
    /// </summary>
    public static async Task<T> LastAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var last = await probe();
        while (!condition(last) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(250, CancellationToken.None);
            last = await probe();
        }

        return last;
    }
}
