using Jewelry.Data;
using Jewelry.Tests.Fixtures;
using Npgsql;

namespace Jewelry.UnitTests.Data;

/// <summary>
/// A multi-host connection string that finds no primary (the primary down, the standby not yet promoted) is a database
/// that cannot take the request now, answered 503 with Retry-After, not a bug answered 500. The exceptions are Npgsql's
/// own, from hosts nothing listens on.
/// </summary>
public sealed class DatabaseErrorsTests
{
    [Fact]
    public async Task No_primary_among_the_hosts_is_unavailable_whether_the_hosts_just_failed_or_are_known_to_be_down()
    {
        await using var database = NpgsqlDataSource.Create(
            $"Host=127.0.0.1:{LoopbackPort.Closed()},127.0.0.1:{LoopbackPort.Closed()};Username=jewelry;Password=unused;Target Session Attributes=primary;Timeout=2");

        // First the hosts' fresh failures, wrapped together; then, while Npgsql remembers them as offline, no host at all.
        var justFailed = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await database.OpenConnectionAsync());
        var knownDown = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await database.OpenConnectionAsync());

        Assert.IsType<AggregateException>(justFailed.InnerException);
        Assert.Null(knownDown.InnerException);
        Assert.True(DatabaseErrors.IsUnavailable(justFailed), justFailed.ToString());
        Assert.True(DatabaseErrors.IsUnavailable(knownDown), knownDown.ToString());
    }

    [Fact]
    public void A_failure_of_the_work_itself_is_not_unavailability()
    {
        Assert.False(DatabaseErrors.IsUnavailable(new NpgsqlException("Unable to connect to a suitable host.", new AggregateException(new InvalidOperationException("a bug")))));
        Assert.False(DatabaseErrors.IsUnavailable(new NpgsqlException("Something else went wrong.")));
    }
}
