// Collections run side by side (each application a collection starts is its own): most of an end-to-end test is
// waiting for a fault to heal or a trace to arrive. They once could not: an application that started while another
// built or started lost its telemetry, because Aspire shared one OTLP key among them through the AppHost's user
// secrets; each application now has keys of its own (DashboardKeys).
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.Collections)]
