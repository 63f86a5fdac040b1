using System.Diagnostics;
using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// What a service could not export yet waits on disk in a directory of its AppHost run: a new run never replays an
/// earlier run's spans into its own dashboard (where they showed as a second instance of every service), and the
/// directories of ended runs are removed when a run starts.
/// </summary>
public sealed class ExportRetryDirectoryTests
{
    private const string RetryVariable = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";
    private const string DirectoryVariable = "OTEL_DOTNET_EXPERIMENTAL_OTLP_DISK_RETRY_DIRECTORY_PATH";

    private static readonly string Root = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "jewelry", "otlp-retry");

    [Fact]
    public async Task Each_run_keeps_its_own_retry_directory_and_an_ended_runs_is_removed()
    {
        var endedRun = Path.Combine(Root, $"{await EndedProcessIdAsync()}-0ended00");
        Directory.CreateDirectory(Path.Combine(endedRun, ResourceNames.ShopApi));
        await File.WriteAllTextAsync(Path.Combine(endedRun, ResourceNames.ShopApi, "unsent.blob"), "an earlier run's spans");

        await using var first = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses");
        await using var second = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses");

        Assert.False(Directory.Exists(endedRun), $"{endedRun} was left behind.");
        var firstRun = await RunDirectoryAsync(first);
        var secondRun = await RunDirectoryAsync(second);
        Assert.NotEqual(firstRun, secondRun);
        Assert.StartsWith($"{Environment.ProcessId}-", Path.GetFileName(firstRun), StringComparison.Ordinal);
        Assert.True(Directory.Exists(firstRun) && Directory.Exists(secondRun), "A running run's directory was removed.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(firstRun));
        }
    }

    /// <summary>The run's directory, checking that every service exports into a directory of its own inside it.</summary>
    private static async Task<string> RunDirectoryAsync(DistributedApplicationModelSnapshot model)
    {
        var directories = new List<string>();
        foreach (var service in ResourceNames.Services)
        {
            var environment = await model.DeclaredEnvironmentOf(service);
            Assert.Equal("disk", Assert.IsType<string>(environment[RetryVariable]));
            var directory = Assert.IsType<string>(environment[DirectoryVariable]);
            Assert.Equal(service, Path.GetFileName(directory));
            Assert.True(Directory.Exists(directory), $"{directory} does not exist.");
            directories.Add(Path.GetDirectoryName(directory)!);
        }

        var run = Assert.Single(directories.Distinct());
        Assert.Equal(Root, Path.GetDirectoryName(run));
        return run;
    }

    private static async Task<int> EndedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
