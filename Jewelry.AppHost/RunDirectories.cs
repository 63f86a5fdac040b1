using System.Diagnostics;
using System.Globalization;

namespace Jewelry.AppHost;

/// <summary>
/// A directory of its own for each AppHost run under a root: <c>root/PID-ID</c>. Runs side by side (tests and F5)
/// never share one, and the directories of runs whose process is gone are removed when the next run creates its own.
/// </summary>
internal static class RunDirectories
{
    /// <param name="root">Where the runs' directories live; created if missing.</param>
    /// <param name="privateToUser">Readable by this user only (no effect on Windows, where the profile already is).</param>
    public static string CreateUnder(string root, bool privateToUser = false)
    {
        CreateDirectory(root, privateToUser);
        RemoveDirectoriesOfEndedRuns(root);

        var name = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var path = Path.Combine(root, name);
        CreateDirectory(path, privateToUser);
        return path;
    }

    /// <summary>Creates <paramref name="path"/> if missing, readable by this user only when <paramref name="privateToUser"/> (not on Windows).</summary>
    public static void CreateDirectory(string path, bool privateToUser)
    {
        if (privateToUser && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(path);
        }
    }

    private static void RemoveDirectoriesOfEndedRuns(string root)
    {
        foreach (var directory in Directory.EnumerateDirectories(root))
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
            // Owned by another user or still in use: leave it; it is only disk space.
        }
    }
}
