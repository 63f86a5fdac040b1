using BenchmarkDotNet.Running;
using Jewelry.Benchmarks;

// dotnet run -c Release --project Jewelry.Benchmarks -- --filter '*'
// dotnet run -c Release --project Jewelry.Benchmarks -- --print-spans   (what each variant puts on the span)
if (args.Contains("--print-spans"))
{
    await ServerSpanEnrichmentBenchmarks.PrintSpansAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
