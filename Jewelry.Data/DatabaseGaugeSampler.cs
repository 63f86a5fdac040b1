using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;

namespace Jewelry.Data;

/// <summary>
/// Serves a meter's <see cref="DatabaseGauge"/>s. Their queries run here, every <paramref name="interval"/>, and the
/// gauges report the last values read: a metric collection never waits for the database. While the database cannot
/// be read, the gauges report nothing rather than a stale value.
/// </summary>
internal sealed partial class DatabaseGaugeSampler : BackgroundService
{
    private readonly IReadOnlyList<DatabaseGauge> _gauges;
    private readonly NpgsqlDataSource _database;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, double> _values = new(StringComparer.Ordinal);

    public DatabaseGaugeSampler(
        string meterName, IReadOnlyList<DatabaseGauge> gauges, NpgsqlDataSource database, IMeterFactory meters, TimeSpan interval,
        ILogger logger)
    {
        _gauges = gauges;
        _database = database;
        _interval = interval;
        _logger = logger;
        var meter = meters.Create(meterName);
        foreach (var gauge in gauges)
        {
            meter.CreateObservableGauge(gauge.Name, () => Observe(gauge.Name), gauge.Unit, gauge.Description);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                _values.Clear();
                LogSamplingFailed(_logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        // Reading gauges is plumbing: it stays out of the traces.
        using var untraced = SuppressInstrumentationScope.Begin();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        foreach (var gauge in _gauges)
        {
            _values[gauge.Name] = await connection.ExecuteScalarAsync<double?>(
                new CommandDefinition(gauge.Query, gauge.Parameters, cancellationToken: cancellationToken)) ?? 0;
        }
    }

    private IEnumerable<Measurement<double>> Observe(string name) =>
        _values.TryGetValue(name, out var value) ? [new Measurement<double>(value)] : [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the backlog gauges from the database failed; they report nothing until it succeeds")]
    private static partial void LogSamplingFailed(ILogger logger, Exception exception);
}
