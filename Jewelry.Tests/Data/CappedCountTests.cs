using Dapper;
using Jewelry.Contracts.Paging;
using Jewelry.Data;
using Jewelry.Tests.Fixtures;
using Npgsql;

namespace Jewelry.Tests.Data;

/// <summary>
/// A list's total is counted only up to <see cref="PageRequest.CountLimit"/>: below it the count is exact, above it
/// the page says "at least the limit", and the filter's parameters stay bound.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class CappedCountTests(JewelryAppFixture fixture) : IAsyncLifetime
{
    private const int Priced = PageRequest.CountLimit + 500;
    private const int Approved = 7;

    private NpgsqlDataSource _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync(fixture.App, "capped_count");
        await using var connection = await _database.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            CREATE TABLE worklist (id int PRIMARY KEY, status text NOT NULL);
            INSERT INTO worklist SELECT n, CASE WHEN n <= @Approved THEN 'Approved' ELSE 'PriceCalculated' END
            FROM generate_series(1, @Total) AS n;
            """,
            new { Approved, Total = Approved + Priced });
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("Approved", Approved, true)]
    [InlineData("PriceCalculated", PageRequest.CountLimit, false)]
    [InlineData("Completed", 0, true)]
    public async Task Counts_exactly_up_to_the_limit_and_says_so_beyond_it(string status, long expectedTotal, bool expectedExact)
    {
        await using var connection = await _database.OpenConnectionAsync();

        var counted = await connection.CountUpToAsync(
            "FROM worklist WHERE status = @status", new { status }, PageRequest.CountProbe, CancellationToken.None);
        var page = PagedResult.Create<int>([], new PageRequest(), counted);

        Assert.Equal(expectedTotal, page.TotalCount);
        Assert.Equal(expectedExact, page.TotalCountIsExact);
    }

    [Fact]
    public async Task Stops_counting_at_the_limit_it_is_given()
    {
        await using var connection = await _database.OpenConnectionAsync();

        Assert.Equal(3, await connection.CountUpToAsync("FROM worklist WHERE status = @status", new { status = "Approved" }, 3, CancellationToken.None));
        Assert.Equal(Approved, await connection.CountUpToAsync("FROM worklist WHERE status = @status", new { status = "Approved" }, 100, CancellationToken.None));
    }
}
