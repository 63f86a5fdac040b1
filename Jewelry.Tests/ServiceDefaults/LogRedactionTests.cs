using System.Net;
using Jewelry.ServiceDefaults.Redaction;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.ServiceDefaults;

/// <summary>Logs leave a service under the same redaction rules as spans.</summary>
[Collection(RunsAlone.Name)]
public sealed partial class LogRedactionTests
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up {Email} for {Purpose}")]
    private static partial void LogLookingUp(ILogger logger, string email, string purpose);

    [Fact]
    public async Task Messages_attributes_and_exceptions_in_logs_are_redacted_before_export()
    {
        var captured = new List<Dictionary<string, string?>>();
        await using var service = await InProcessService.StartAsync(
            app =>
            {
                app.MapGet("/api/lookup", (ILogger<LogRedactionTests> logger) =>
                {
                    LogLookingUp(logger, "ann.ivanova@example.com", "support");
                    throw new InvalidOperationException("No customer ann.ivanova@example.com with card 4111 1111 1111 1111");
                });
            },
            builder => builder.Services.AddOpenTelemetry().WithLogging(logging => logging.AddProcessor(new CapturingLogProcessor(captured))));

        using var response = await service.Client.GetAsync("/api/lookup");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);

        List<Dictionary<string, string?>> records;
        lock (captured)
        {
            records = [.. captured];
        }

        var lookup = Assert.Single(records, record => record["message"]?.StartsWith("Looking up", StringComparison.Ordinal) == true);
        Assert.Equal("Looking up [REDACTED]:email for support", lookup["message"]);
        Assert.Equal(SensitiveDataRedactor.Mask, lookup["Email"]);
        Assert.Equal("support", lookup["Purpose"]);

        var failure = Assert.Single(records, record => record.ContainsKey("exception.type"));
        Assert.Equal(typeof(InvalidOperationException).FullName, failure["exception.type"]);
        Assert.Equal("No customer [REDACTED]:email with card [REDACTED]:card", failure["exception.message"]);
        Assert.DoesNotContain("ann.ivanova", failure["exception.stacktrace"], StringComparison.Ordinal);
        Assert.Null(failure["exception.object"]);
        Assert.DoesNotContain(records, record => record.Values.Any(value => value?.Contains("ann.ivanova", StringComparison.Ordinal) == true));
    }

    /// <summary>Copies what an exporter would see (records are pooled, so their values, not the records).</summary>
    private sealed class CapturingLogProcessor(List<Dictionary<string, string?>> captured) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var values = new Dictionary<string, string?>
            {
                ["message"] = data.FormattedMessage,
                ["exception.object"] = data.Exception?.Message,
            };
            foreach (var (key, value) in data.Attributes ?? [])
            {
                values[key] = value?.ToString();
            }

            lock (captured)
            {
                captured.Add(values);
            }
        }
    }
}
