using System.Diagnostics.Metrics;
using System.Reflection;
using Jewelry.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.Hosting;

public static class DatabaseExtensions
{
    /// <summary>Configuration key of the command timeout of every query (a TimeSpan, default 15 s).</summary>
    public const string CommandTimeoutKey = "Database:CommandTimeout";

    /// <summary>
    /// Configuration key of how long a request waits for a connection, new or from a full pool (a TimeSpan, default
    /// 5 s; Npgsql's own is 15 s). Past it the request is answered 503 with Retry-After: a database that is down or
    /// saturated sheds load in seconds instead of holding every caller.
    /// </summary>
    public const string ConnectTimeoutKey = "Database:ConnectTimeout";

    /// <summary>
    /// Configuration key of the most connections a service keeps open to its database (default 20; Npgsql's own is
    /// 100). Past it, requests wait for a pooled connection instead of opening new ones: opening one forks a server
    /// process and runs SCRAM on both sides, and under a stall a pool of 100 turned every waiting request into a new
    /// connection that timed out half way, which kept the server too busy to recover.
    /// </summary>
    public const string MaxPoolSizeKey = "Database:MaxPoolSize";

    /// <summary>
    /// Configuration key of the connections a service keeps however long they are idle (default: as many as
    /// <see cref="MaxPoolSizeKey"/>, a fixed-size pool; Npgsql's own is 0). Npgsql closes connections that stayed idle
    /// through its five-minute window; under bursty load those are the ones the next burst needs, and reopening them
    /// all at once (a server process and SCRAM each) stalled every service for seconds every five minutes.
    /// </summary>
    public const string MinPoolSizeKey = "Database:MinPoolSize";

    /// <summary>
    /// Configuration key of how long a connection may live before the pool replaces it (a TimeSpan, default zero: for
    /// the life of the pool; Npgsql's own is one hour). A fixed-size pool opens its connections together as load
    /// arrives, so an hourly lifetime retired and reopened them together too, stalling the service every hour.
    /// Set it where connections should move between servers over time (a load balancer in front of replicas).
    /// </summary>
    public const string ConnectionLifetimeKey = "Database:ConnectionLifetime";

    /// <summary>
    /// The service's own PostgreSQL database through Aspire.Npgsql (pooled data source, health check, traces and
    /// metrics), with its schema migrated at start-up from the SQL scripts embedded under
    /// <c>Data/Migrations</c> in <paramref name="migrationsAssembly"/>.
    /// </summary>
    public static TBuilder AddServiceDatabase<TBuilder>(this TBuilder builder, string connectionName, Assembly migrationsAssembly)
        where TBuilder : IHostApplicationBuilder
    {
        // An explicit limit for every query (Npgsql's default is 30 s), on each database span as jewelry.timeout.limit_seconds.
        var commandTimeout = builder.Configuration.GetValue(CommandTimeoutKey, TimeSpan.FromSeconds(15));
        var connectTimeout = builder.Configuration.GetValue(ConnectTimeoutKey, TimeSpan.FromSeconds(5));
        var maxPoolSize = builder.Configuration.GetValue(MaxPoolSizeKey, 20);
        var minPoolSize = builder.Configuration.GetValue(MinPoolSizeKey, maxPoolSize);
        var connectionLifetime = builder.Configuration.GetValue(ConnectionLifetimeKey, TimeSpan.Zero);
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource =>
        {
            dataSource.ConnectionStringBuilder.CommandTimeout = (int)Math.Ceiling(commandTimeout.TotalSeconds);
            dataSource.ConnectionStringBuilder.Timeout = (int)Math.Ceiling(connectTimeout.TotalSeconds);
            dataSource.ConnectionStringBuilder.MaxPoolSize = maxPoolSize;
            dataSource.ConnectionStringBuilder.MinPoolSize = minPoolSize;
            dataSource.ConnectionStringBuilder.ConnectionLifetime = (int)Math.Ceiling(connectionLifetime.TotalSeconds);
            dataSource.ConfigureTracing(DatabaseSpans.Configure);
        });

        // A hosted service registered before the web server starts blocks it until the schema is current.
        builder.Services.AddSingleton(DatabaseMigrationOptions.ServiceOwn(migrationsAssembly));
        builder.Services.AddHostedService<DatabaseMigrator>();

        return builder.AddDatabaseErrorAnswers();
    }

    /// <summary>Configuration key of how often database gauges are read (a TimeSpan, default 15 s).</summary>
    public const string GaugeIntervalKey = "Database:GaugeInterval";

    /// <summary>
    /// Publishes <paramref name="gauges"/> on the meter <paramref name="meterName"/>, each read from the service's database
    /// every <see cref="GaugeIntervalKey"/> (<see cref="DatabaseGaugeSampler"/>), and exports that meter.
    /// </summary>
    public static TBuilder AddDatabaseGauges<TBuilder>(this TBuilder builder, string meterName, params DatabaseGauge[] gauges)
        where TBuilder : IHostApplicationBuilder
    {
        var interval = builder.Configuration.GetValue(GaugeIntervalKey, TimeSpan.FromSeconds(15));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(meterName));
        builder.Services.AddSingleton<IHostedService>(services => new DatabaseGaugeSampler(
            meterName, gauges, services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IMeterFactory>(),
            interval, services.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseGaugeSampler>()));
        return builder;
    }

    /// <summary>
    /// A database that cannot take the request is answered 503 with Retry-After, text it cannot store 400, both as
    /// ProblemDetails with the trace id; other database errors stay 500s.
    /// </summary>
    public static TBuilder AddDatabaseErrorAnswers<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<UnstorableTextExceptionHandler>();
        return builder;
    }
}
