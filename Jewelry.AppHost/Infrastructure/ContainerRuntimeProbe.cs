using System.Diagnostics;

namespace Jewelry.AppHost.Infrastructure;

/// <summary>Asks a container runtime's CLI whether its engine answers (the CLI alone is not enough).</summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public sealed record Result(bool IsAvailable, string Description);

    public static Result Probe(string runtime)
    {
        var startInfo = new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        try
        {
            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return new(false, $"'{runtime} info' did not answer within {Timeout.TotalSeconds:0} s");
            }

            return process.ExitCode == 0
                ? new(true, $"{runtime} {output.Result.Trim()} answers")
                : new(false, $"'{runtime} info' failed ({FirstLine(error.Result)})");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new(false, $"no '{runtime}' command is installed");
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? "no error output";
}
