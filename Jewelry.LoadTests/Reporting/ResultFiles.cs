using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jewelry.LoadTests.Reporting;

/// <summary>
/// A run's files: <c>result.json</c> (everything measured), <c>result.md</c> (the tables, linking the charts) and the
/// PNG charts. <see cref="ReadAsync"/> reads a <c>result.json</c> back, so an earlier run's report and charts can be
/// written again by a newer harness (<c>--report</c>).
/// </summary>
public static class ResultFiles
{
    public const string JsonFile = "result.json";
    public const string MarkdownFile = "result.md";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes the three kinds of file into <paramref name="directory"/> and returns the Markdown.</summary>
    public static async Task<string> WriteAsync(LoadTestResult result, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFile), JsonSerializer.Serialize(result, JsonOptions), cancellationToken);
        var markdown = new StringBuilder(MarkdownReport.Write(result));
        var charts = Charts.Write(result, directory);
        if (charts.Count > 0)
        {
            markdown.AppendLine("### Charts");
            markdown.AppendLine();
            foreach (var (file, caption) in charts)
            {
                markdown.AppendLine(CultureInfo.InvariantCulture, $"![{caption}]({file})");
                markdown.AppendLine();
            }
        }

        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFile), markdown.ToString(), cancellationToken);
        return markdown.ToString();
    }

    public static async Task<LoadTestResult> ReadAsync(string jsonFile, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(jsonFile);
        return await JsonSerializer.DeserializeAsync<LoadTestResult>(stream, JsonOptions, cancellationToken)
               ?? throw new InvalidOperationException($"{jsonFile} holds no result.");
    }
}
