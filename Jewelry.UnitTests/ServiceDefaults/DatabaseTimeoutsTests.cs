using System.Diagnostics;
using Jewelry.ServiceDefaults.Tracing;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class DatabaseTimeoutsTests
{
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

        DatabaseTimeouts.Describe(activity);

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

        DatabaseTimeouts.Describe(activity);

        Assert.Equal(errorType, activity.GetTagItem("error.type"));
    }
}
