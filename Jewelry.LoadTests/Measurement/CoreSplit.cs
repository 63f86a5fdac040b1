using System.Diagnostics;
using System.Globalization;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// Splits the machine's cores between the stack and the harness: every process of the stack (DCP and all it started:
/// the services, PostgreSQL, RabbitMQ, the dashboard), with all their threads, on the first half; the harness (the load
/// generator, and the receiver's process) on the rest. The services then run on cores that no generator or receiver takes CPU
/// from, as if those were on machines of their own. What starts later (PostgreSQL's backends, new threads) inherits
/// the affinity of its parent. Linux only (<c>taskset</c>, from util-linux).
/// </summary>
public static class CoreSplit
{
    /// <summary>Pins the stack, and the harness with its receiver process; says where each runs.</summary>
    public static string Apply(int receiverProcessId)
    {
        var cores = Environment.ProcessorCount;
        if (cores < 2)
        {
            throw new InvalidOperationException($"Splitting the cores needs at least two; this machine has {cores}.");
        }

        var stack = Cpus(0, cores / 2 - 1);
        var harness = Cpus(cores / 2, cores - 1);
        var stackProcesses = StackProcesses().Count(pid => Pin(pid, stack));
        if (stackProcesses == 0)
        {
            throw new InvalidOperationException("No process of the stack was found to pin (DCP, which starts them, was not found).");
        }

        if (!Pin(Environment.ProcessId, harness) || !Pin(receiverProcessId, harness))
        {
            throw new InvalidOperationException("The harness or its receiver could not be pinned to their cores (taskset failed).");
        }

        return $"the stack ({stackProcesses} processes) on CPU {stack}, the load generator and the receiver on CPU {harness}";
    }

    private static string Cpus(int first, int last) =>
        first == last ? first.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");

    /// <summary>Every thread of the process; false if it is gone.</summary>
    private static bool Pin(int processId, string cpus)
    {
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["--all-tasks", "--cpu-list", "--pid", cpus, processId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        taskset.WaitForExit();
        return taskset.ExitCode == 0;
    }

    /// <summary>
    /// DCP, which the AppHost in this process starts, detaches from it (its parent is init) and watches this process
    /// (<c>--monitor</c>); everything of the stack is DCP or started by it.
    /// </summary>
    private static List<int> StackProcesses()
    {
        var children = new Dictionary<int, List<int>>();
        var roots = new List<int>();
        var monitorsThisProcess = string.Create(CultureInfo.InvariantCulture, $" --monitor {Environment.ProcessId} ");
        foreach (var pid in ProcessUsage.ProcessIds())
        {
            if (ProcessUsage.ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out var siblings) ? siblings : children[parent] = []).Add(pid);
            }

            if ((ProcessUsage.ReadCommandLine(pid) + " ").Contains(monitorsThisProcess, StringComparison.Ordinal))
            {
                roots.Add(pid);
            }
        }

        var stack = new List<int>(roots);
        var pending = new Queue<int>(roots);
        while (pending.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid, []))
            {
                stack.Add(child);
                pending.Enqueue(child);
            }
        }

        return stack;
    }
}
