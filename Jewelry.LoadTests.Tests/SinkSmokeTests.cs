namespace Jewelry.LoadTests.Tests;

/// <summary>
/// Off and full side by side (the ratio the report is for), to the sink over http/protobuf. The stock variant is the
/// same services with one setting (<c>Tracing:Profile=Stock</c>, which the service tests cover); three more services
/// and three more settlings would make this the longest part of the suite.
/// </summary>
public sealed class SinkSmokeTests(ITestOutputHelper testOutput)
{
    [Fact]
    public Task Off_and_full_to_the_sink_report_every_span_and_every_request_span_the_services_produced_as_received() =>
        LoadBenchmarkSmoke.RunAndCheckAsync("sink", "http/protobuf", "off full", splitCores: false, testOutput);
}
