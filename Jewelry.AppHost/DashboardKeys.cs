using System.Security.Cryptography;

namespace Jewelry.AppHost;

/// <summary>
/// Dashboard keys of one AppHost run's own, for a run that shares the machine with others (tests, the load benchmark,
/// F5), given on its command line. Without them Aspire keeps the OTLP key in the AppHost's user secrets: one file that
/// every run reads, writes when it finds no key there, and reloads when another run changes it, so services started
/// after such a change send their telemetry with a key their dashboard refuses. The command line outranks that file.
/// </summary>
public sealed record DashboardKeys(string OtlpApiKey, string DashboardApiKey)
{
    public static DashboardKeys Generate() => new(NewKey(), NewKey());

    public IReadOnlyList<string> AsArguments() =>
    [
        $"AppHost:OtlpApiKey={OtlpApiKey}",
        $"AppHost:DashboardApiKey={DashboardApiKey}",
    ];

    private static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
