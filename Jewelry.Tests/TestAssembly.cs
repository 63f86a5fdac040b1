// Collections run one at a time. An application that started beside another once lost its telemetry: Aspire
// shared one OTLP key among them through the AppHost's user secrets, which each application now replaces with keys
// of its own (DashboardKeys). Side by side they now pass alone, but beside the load smoke (as `dotnet test` runs
// them) the two cores are the limit: no faster, and the receiver-outage test missed a request's spans after the
// receiver came back (README, "Run the tests", has the figures).
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
