using System.Reflection;
using System.Text.Json;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.LoadBenchmark;

/// <summary>
/// The load benchmark, seconds long: it starts the three variants, loads them, counts what the receiver (the sink or
/// the dashboard) received and writes its report. Not a timed test: what it checks are counts, which must agree exactly at this light load.
/// </summary>
public sealed class LoadBenchmarkSmokeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData("sink")]
    [InlineData("dashboard")]
    public async Task The_smoke_run_reports_every_span_and_every_request_span_the_services_produced_as_received(string receiver)
    {
        var output = Directory.CreateTempSubdirectory("jewelry-load-smoke-");
        try
        {
            await CommandLine.RunAsync("The load benchmark's smoke run", "dotnet",
                [HarnessAssembly(), "--smoke", "--receiver", receiver, "--output", output.FullName], Limit);

            using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "result.json")));
            var phases = result.RootElement.GetProperty("phases").EnumerateArray().ToList();
            var traced = phases.Where(phase => phase.GetProperty("variant").GetString() is "stock" or "full").ToList();
            Assert.Equal(["full", "stock"], traced.Select(phase => phase.GetProperty("variant").GetString()).Distinct().Order());

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
            Assert.Contains("| off | ", report, StringComparison.Ordinal);
            Assert.Contains("| full | ", report, StringComparison.Ordinal);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The harness as this test run built it (the project reference builds it first), in the same configuration.</summary>
    private static string HarnessAssembly()
    {
        var configuration = typeof(LoadBenchmarkSmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        return Path.Combine(repository, "Jewelry.LoadTests", "bin", configuration, "net10.0", "Jewelry.LoadTests.dll");
    }
}
