using BenchmarkDotNet.Attributes;
using Jewelry.ServiceDefaults.Redaction;
using Microsoft.Extensions.Options;

namespace Jewelry.Benchmarks;

/// <summary>
/// What redacting one attribute costs: a query text (a constant, the same instance on every database span) and
/// outgoing URLs built per call, each searched as before and through the attribute path that remembers texts.
/// </summary>
[MemoryDiagnoser]
public class RedactionBenchmarks
{
    // The Shop's catalog page, the mix's most frequent query: placeholders, casts and comparisons send it through
    // the e-mail and name=value searches.
    private const string QueryText = """
        SELECT id AS Id, sku AS Sku, name AS Name, category AS Category, material AS Material, gemstone AS Gemstone,
        price AS Price, currency AS Currency, is_customizable AS IsCustomizable, description AS Description FROM catalog_items WHERE (@Category::text IS NULL OR category = @Category)
          AND (@Material::text IS NULL OR material = @Material) ORDER BY name, id LIMIT @PageSize OFFSET @Offset
        """;

    private readonly SensitiveDataRedactor _redactor = new(Options.Create(new RedactionOptions()));

    // More distinct instances than the redactor remembers, as URLs with ids in them are.
    private readonly string[] _urls = Enumerable.Range(0, 1_024)
        .Select(_ => $"http://localhost:5103/api/orders/{Guid.CreateVersion7()}/status?stage=casting")
        .ToArray();

    private int _next;

    [Benchmark(Baseline = true)]
    public string QueryTextSearchedEachTime() => _redactor.Redact(QueryText);

    [Benchmark]
    public object? QueryTextAsAttribute() => _redactor.RedactAttribute("db.query.text", QueryText);

    [Benchmark]
    public string UrlSearchedEachTime() => _redactor.Redact(NextUrl());

    [Benchmark]
    public object? UrlAsAttribute() => _redactor.RedactAttribute("url.full", NextUrl());

    private string NextUrl() => _urls[_next++ & (_urls.Length - 1)];
}
