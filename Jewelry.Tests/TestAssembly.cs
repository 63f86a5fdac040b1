// Collections run side by side, two at a time on two cores (each application a collection starts is its own): most
// of an end-to-end test is waiting for a fault to heal or a trace to arrive, and alone the suite left the cores half
// idle. Applications no longer lose telemetry when started beside each other (DashboardKeys gives each its own OTLP
// key); the receiver-outage test, which once missed a span this way, waits for the SDK's 60 s disk retries long enough.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.Collections)]
