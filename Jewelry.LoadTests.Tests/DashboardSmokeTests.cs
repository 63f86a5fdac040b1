namespace Jewelry.LoadTests.Tests;

/// <summary>
/// The dashboard's path (gRPC, through the counting relay) with the full variant alone, which is all it changes, and
/// the cores split between the stack and the harness. The sink over gRPC is <see cref="SinkOverGrpcTests"/>: no stack
/// needed.
/// </summary>
public sealed class DashboardSmokeTests(ITestOutputHelper testOutput)
{
    [Fact]
    public Task Full_to_the_dashboard_with_the_cores_split_reports_every_span_and_every_request_span_the_services_produced_as_received() =>
        LoadBenchmarkSmoke.RunAndCheckAsync("dashboard", "grpc", "full", splitCores: true, testOutput);
}
