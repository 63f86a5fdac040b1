using BenchmarkDotNet.Attributes;
using Jewelry.Data;

namespace Jewelry.Benchmarks;

/// <summary>
/// What naming and describing a database span costs per command: Npgsql asks twice (the span's name, then its
/// attributes), for one of the texts the services run many times a second.
/// </summary>
[MemoryDiagnoser]
public class DatabaseSpanBenchmarks
{
    private const string CommandText = """
        SELECT o.id, o.status, o.total_price, o.created_at
        FROM orders o
        WHERE o.customer_id = @customerId AND o.created_at < @before
        ORDER BY o.created_at DESC
        LIMIT @limit
        """;

    [Benchmark(Baseline = true)]
    public string? SummarisedEachTime()
    {
        var name = DatabaseSpans.Summarise(CommandText) is var (operation, collection)
            ? collection is null ? operation : $"{operation} {collection}"
            : "postgresql";
        return DatabaseSpans.Summarise(CommandText)?.Collection is { } table ? table : name;
    }

    [Benchmark]
    public string? SummarisedOncePerText()
    {
        var name = DatabaseSpans.SummaryOf(CommandText).SpanName;
        return DatabaseSpans.SummaryOf(CommandText).Collection ?? name;
    }
}
