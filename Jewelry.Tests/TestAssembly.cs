// Measured: when an AppHost model is built while the shared application starts in the same test process, that
// application's services export no spans to its dashboard for its whole life. Collections therefore run one at
// a time; on two cores little is lost, as the shared application dominates the run.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
