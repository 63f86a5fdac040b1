using System.Diagnostics;
using System.Globalization;

namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// A fresh directory per AppHost run for the local servers' data and logs: <c>$TMPDIR/jewelry-apphost/PID-ID</c>.
/// Runs side by side (tests and F5) never share data, and directories left by runs whose process is gone are
/// removed when the next run starts.
/// </summary>
internal static class LocalRunDirectory
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "jewelry-apphost");

    public static string Create()
    {
        Directory.CreateDirectory(Root);
        RemoveDirectoriesOfEndedRuns();

        var name = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static void RemoveDirectoriesOfEndedRuns()
    {
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            var processId = Path.GetFileName(directory).Split('-')[0];
            if (int.TryParse(processId, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
            {
                TryDelete(directory);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Owned by another user or still in use: leave it; it is only disk space in the temp directory.
        }
    }
}
