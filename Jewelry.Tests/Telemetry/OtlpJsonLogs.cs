using System.Text.Json;

namespace Jewelry.Tests.Telemetry;

/// <summary>Reads the OTLP-JSON the dashboard's /api/telemetry/logs answers.</summary>
public static class OtlpJsonLogs
{
    /// <summary>
    /// Every text of the log records, decoded: bodies and attribute values (not ids or timestamps), for checks that
    /// something appears nowhere in the logs.
    /// </summary>
    public static IReadOnlyList<string> Texts(JsonElement response)
    {
        if (!response.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceLogs", out var resourceLogs))
        {
            return [];
        }

        return
        [
            .. from resourceLog in resourceLogs.EnumerateArray()
               from scopeLog in resourceLog.GetProperty("scopeLogs").EnumerateArray()
               from record in scopeLog.GetProperty("logRecords").EnumerateArray()
               from text in TextsOf(record)
               select text,
        ];
    }

    private static IEnumerable<string> TextsOf(JsonElement record) =>
        (record.TryGetProperty("body", out var body) ? [OtlpJsonSpans.ReadValue(body)] : Array.Empty<string>())
            .Concat(OtlpJsonSpans.ReadAttributes(record).Values);
}
