using System.Globalization;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// CPU time and resident memory of a process, read from <c>/proc</c> (Linux). A service is found by the
/// <c>OTEL_SERVICE_NAME</c> Aspire gives it; of the processes that carry it, the service is the one that is not
/// <c>dotnet run</c> (the AppHost starts the built program itself, and falls back to <c>dotnet run</c> when it finds none).
/// </summary>
public sealed class ProcessUsage(int processId)
{
    public int ProcessId { get; } = processId;

    public static ProcessUsage? FindService(string serviceName) =>
        Find(pid => ReadEnvironment(pid).Split('\0').Contains($"OTEL_SERVICE_NAME={serviceName}") && !ReadCommandLine(pid).StartsWith("dotnet", StringComparison.Ordinal));

    public static ProcessUsage? FindByCommand(string fragment) =>
        Find(pid => ReadCommandLine(pid).Contains(fragment, StringComparison.Ordinal));

    public static ProcessUsage Current { get; } = new(Environment.ProcessId);

    /// <summary>User and system CPU time so far; <see cref="TimeSpan.Zero"/> once the process is gone.</summary>
    public TimeSpan CpuTime()
    {
        return ReadStatFields(ProcessId) is { } fields
            ? TimeSpan.FromSeconds(CpuTicks(fields) / TicksPerSecond)
            : TimeSpan.Zero;
    }

    /// <summary>
    /// CPU ticks so far of each of the runtime's tiered compilation workers, by thread id. A worker recompiles hot methods
    /// with full optimisation in the background, and exits when it runs out of work (a later one has another id): while
    /// one is busy, the process is still warming up. The thread is named ".NET Tiered Compilation Worker"; <c>/proc</c>
    /// keeps 15 characters of it. Empty once the process is gone.
    /// </summary>
    public IReadOnlyDictionary<string, long> TieredCompilationTicks()
    {
        var ticks = new Dictionary<string, long>();
        foreach (var thread in ThreadDirectories(ProcessId))
        {
            if (ReadFile(Path.Combine(thread, "comm")).StartsWith(TieredCompilationThreadName, StringComparison.Ordinal) &&
                ReadStatFields(Path.Combine(thread, "stat")) is { } fields)
            {
                ticks[thread] = CpuTicks(fields);
            }
        }

        return ticks;
    }

    /// <summary>How many ticks of CPU make a second (USER_HZ, 100 on every Linux this runs on).</summary>
    public static double TicksPerSecond => 100;

    private const string TieredCompilationThreadName = ".NET Tiered Com";

    /// <summary>Resident set size in MiB; 0 once the process is gone.</summary>
    public double ResidentMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{ProcessId}/status").FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static ProcessUsage? Find(Func<int, bool> matches) =>
        ProcessIds().Where(matches).Select(pid => new ProcessUsage(pid)).FirstOrDefault();

    /// <summary>Every process on the machine, by id.</summary>
    internal static IEnumerable<int> ProcessIds()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The process's parent; null once the process is gone.</summary>
    internal static int? ParentOf(int pid) =>
        ReadStatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;

    /// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> from the third on (state, parent, ...); null once the process is gone.</summary>
    private static string[]? ReadStatFields(int pid) => ReadStatFields($"/proc/{pid}/stat");

    /// <summary>The fields of a process's or thread's <c>stat</c> file from the third on; null once it is gone.</summary>
    private static string[]? ReadStatFields(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>User plus system CPU ticks, from the fields <see cref="ReadStatFields(string)"/> returns.</summary>
    private static long CpuTicks(string[] fields) =>
        long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

    private static string[] ThreadDirectories(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static string ReadEnvironment(int pid) => ReadProcFile(pid, "environ");

    internal static string ReadCommandLine(int pid) => ReadProcFile(pid, "cmdline").Replace('\0', ' ');

    private static string ReadProcFile(int pid, string name) => ReadFile($"/proc/{pid}/{name}");

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
