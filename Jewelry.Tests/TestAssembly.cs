// Test collections run side by side: the shared application's, the faults' application's and the scaled-out one's,
// each with its own application, whose tests mostly wait (for traces to arrive, time-outs, restarts) rather than
// compute. Three at a time on two cores, since waiting is what they do; the class-per-collection tests of the AppHost's
// model take a fourth. Within a collection tests run one at a time, since they share its application. Classes that
// need the program to themselves are in the RunsAlone collection.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.Collections, MaxThreads = 4)]
