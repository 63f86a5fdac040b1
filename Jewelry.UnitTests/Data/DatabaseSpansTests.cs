using Jewelry.Data;

namespace Jewelry.UnitTests.Data;

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
    public void A_text_is_summarised_once_and_its_span_named_by_operation_and_table()
    {
        var text = string.Concat("SELECT id FROM orders ", "WHERE id = @orderId");

        var summary = DatabaseSpans.SummaryOf(text);

        Assert.Equal(new DatabaseSpans.StatementSummary("SELECT orders", "SELECT", "orders"), summary);
        Assert.Same(summary, DatabaseSpans.SummaryOf(text));
    }

    [Theory]
    [InlineData("VACUUM")]
    [InlineData(null)]
    public void A_text_that_is_not_a_known_statement_names_its_span_postgresql(string? text) =>
        Assert.Equal(new DatabaseSpans.StatementSummary("postgresql", null, null), DatabaseSpans.SummaryOf(text));
}
