using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jewelry.Tests.Fixtures;

namespace Jewelry.LoadTests.Tests;

/// <summary>
/// The load benchmark, seconds long: it starts the variants, loads them, counts what the receiver (the sink or the
/// dashboard, over either OTLP protocol) received and writes its report and charts. Not a timed test: what it checks
/// are counts, which must agree exactly at this light load. Each run is a test class of its own, so that the two run
/// side by side: most of a run is its stack starting and its receiver settling, and one's waits are the other's time
/// to work.
/// </summary>
internal static class LoadBenchmarkSmoke
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task RunAndCheckAsync(string receiver, string protocol, string variants, bool splitCores, ITestOutputHelper testOutput)
    {
        var expected = variants.Split(' ');
        var output = Directory.CreateTempSubdirectory("jewelry-load-smoke-");
        // Kept when the run fails: logs/<resource>.log there says why a resource did not start or failed.
        testOutput.WriteLine($"Output: {output.FullName}");
        var passed = false;
        try
        {
            await CommandLine.RunAsync("The load benchmark's smoke run", "dotnet",
                [HarnessAssembly(), "--smoke", "--receiver", receiver, "--otlp-protocol", protocol, "--variants", .. expected,
                    .. splitCores ? ["--split-cores"] : Array.Empty<string>(), "--output", output.FullName,
                    // Counts, not speed, are checked here; idle thread pools spinning would take the cores the rest of the suite needs.
                    "--service-env", "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"], Limit);

            using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "result.json")));
            var phases = result.RootElement.GetProperty("phases").EnumerateArray().ToList();
            var traced = phases.Where(phase => phase.GetProperty("variant").GetString() is "stock" or "full").ToList();
            Assert.Equal(expected.Order(), phases.Select(phase => phase.GetProperty("variant").GetString()).Distinct().Order());

            foreach (var phase in traced)
            {
                var where = $"{phase.GetProperty("block").GetString()}, {phase.GetProperty("variant").GetString()}";
                var account = phase.GetProperty("telemetry");
                var telemetry = account.GetProperty("telemetry");
                Assert.True(account.GetProperty("settled").GetBoolean(), $"{where}: the telemetry did not settle");
                Assert.True(telemetry.GetProperty("spansProduced").GetInt64() > 0, $"{where}: no spans produced");
                Assert.Equal(telemetry.GetProperty("spansProduced").GetInt64(), telemetry.GetProperty("spansReceived").GetInt64());
                Assert.True(account.GetProperty("requests").GetInt32() > 0, $"{where}: no requests");
                Assert.Equal(account.GetProperty("requests").GetInt32(), account.GetProperty("requestSpansReceived").GetInt32());
            }

            // The off variant produces nothing, and the report says how the three compare.
            Assert.All(phases.Where(phase => phase.GetProperty("variant").GetString() == "off"),
                phase => Assert.Equal(0, phase.GetProperty("telemetry").GetProperty("telemetry").GetProperty("spansReceived").GetInt64()));
            var report = await File.ReadAllTextAsync(Path.Combine(output.FullName, "result.md"));
            Assert.All(expected, variant => Assert.Contains($"| {variant} | ", report, StringComparison.Ordinal));
            Assert.Contains($"over OTLP {protocol}.", report, StringComparison.Ordinal);
            // With the cores split, the stack (DCP and every process it started: more than ten) runs on the first half of
            // the cores and the harness on the rest.
            Assert.Equal(splitCores, Regex.IsMatch(report, @"Cores split: the stack \(\d{2,} processes\) on CPU [0-9-]+, the load generator and the receiver on CPU [0-9-]+\."));
            foreach (var chart in new[] { "throughput.png", "p99.png", "cpu-per-request.png" })
            {
                Assert.Contains($"]({chart})", report, StringComparison.Ordinal);
                var png = await File.ReadAllBytesAsync(Path.Combine(output.FullName, chart));
                Assert.True(png.Length > 1_000 && png.AsSpan(1, 3).SequenceEqual("PNG"u8), $"{chart} is not a PNG chart");
            }

            // An earlier run's report and charts are written again from its result.json alone.
            File.Delete(Path.Combine(output.FullName, "result.md"));
            File.Delete(Path.Combine(output.FullName, "p99.png"));
            await CommandLine.RunAsync("The load benchmark's report", "dotnet",
                [HarnessAssembly(), "--report", Path.Combine(output.FullName, "result.json")], Limit);
            Assert.Equal(report, await File.ReadAllTextAsync(Path.Combine(output.FullName, "result.md")));
            Assert.True(File.Exists(Path.Combine(output.FullName, "p99.png")), "--report did not draw the charts again");
            passed = true;
        }
        finally
        {
            if (passed)
            {
                output.Delete(recursive: true);
            }
        }
    }

    /// <summary>The harness as this test run built it (the project reference builds it first), in the same configuration.</summary>
    private static string HarnessAssembly()
    {
        var configuration = typeof(LoadBenchmarkSmoke).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        return Path.Combine(repository, "Jewelry.LoadTests", "bin", configuration, "net10.0", "Jewelry.LoadTests.dll");
    }
}
