using System.Diagnostics;
using Jewelry.ServiceDefaults.Tracing;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class DatabaseSpansTests
{
    [Theory]
    [InlineData("SELECT id, price FROM catalog_items WHERE id = ANY(@ids)", "SELECT", "catalog_items")]
    [InlineData("INSERT INTO orders (id, status)\nVALUES (@orderId, @Status)", "INSERT", "orders")]
    [InlineData("  update outbox_messages SET published_at = now() WHERE id = @Id", "UPDATE", "outbox_messages")]
    [InlineData("DELETE FROM partner_notifications WHERE id = @Id", "DELETE", "partner_notifications")]
    [InlineData("SELECT 1", "SELECT", null)]
    public void A_statement_is_named_by_its_operation_and_table(string sql, string operation, string? collection) =>
        Assert.Equal((operation, collection), DatabaseSpans.Summarise(sql));

    [Theory]
    [InlineData("")]
    [InlineData("VACUUM")]
    public void Text_that_is_not_a_known_statement_has_no_summary(string sql) =>
        Assert.Null(DatabaseSpans.Summarise(sql));

    [Fact]
    public void A_command_that_timed_out_says_timeout()
    {
        using var activity = new Activity("SELECT production_orders");
        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("error.type", "Npgsql.NpgsqlException");
        activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            ["exception.type"] = "Npgsql.NpgsqlException",
            ["exception.stacktrace"] = "Npgsql.NpgsqlException: Exception while reading from stream\n ---> System.TimeoutException: Timeout during reading attempt",
        }));

        DatabaseSpans.DescribeTimeout(activity);

        Assert.Equal("timeout", activity.GetTagItem("error.type"));
        Assert.Equal("command", activity.GetTagItem("jewelry.timeout.kind"));
    }

    [Theory]
    [InlineData("57014", "timeout")]
    [InlineData("23514", "23514")]
    public void A_statement_cancelled_by_the_server_s_timeout_says_timeout_and_other_errors_keep_their_code(string sqlState, string errorType)
    {
        using var activity = new Activity("UPDATE production_orders");
        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("error.type", sqlState);

        DatabaseSpans.DescribeTimeout(activity);

        Assert.Equal(errorType, activity.GetTagItem("error.type"));
    }
}
