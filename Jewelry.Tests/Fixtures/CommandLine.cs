using System.Diagnostics;

namespace Jewelry.Tests.Fixtures;

/// <summary>Runs a command a test depends on (a broker's control tool, the manifest publisher) to its end.</summary>
public static class CommandLine
{
    /// <summary>Runs the command and returns what it printed; fails the test, with everything it printed, unless it exits with 0.</summary>
    public static async Task<string> RunAsync(string what, string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        using var deadline = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{what} failed:{Environment.NewLine}{await output}{await errors}");
        return await output;
    }
}
