namespace Jewelry.LoadTests.Receiver;

/// <summary>Where the services' telemetry goes during a run.</summary>
public enum TelemetryReceiver
{
    /// <summary>
    /// The counting endpoint answers every export at once and keeps nothing: a collector on other machines, so that
    /// what is measured is what tracing costs the services, not what storing it costs this machine.
    /// </summary>
    Sink,

    /// <summary>Forwarded to the run's Aspire dashboard on the same two cores, as at F5.</summary>
    Dashboard,
}
