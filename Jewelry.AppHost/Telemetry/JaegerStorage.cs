namespace Jewelry.AppHost.Telemetry;

/// <summary>
/// Where Jaeger keeps traces (AppHost configuration <c>Jaeger:Storage</c>). Each value has its file
/// <c>Telemetry/jaeger/storage-&lt;value&gt;.yaml</c>. The distributed backends need <c>Jaeger:StorageServers</c>.
/// </summary>
public enum JaegerStorage
{
    /// <summary>In memory, gone when Jaeger stops (the development default).</summary>
    Memory,

    /// <summary>Badger on a volume: survives restarts, one machine.</summary>
    Badger,

    /// <summary>Elasticsearch cluster (production).</summary>
    Elasticsearch,

    /// <summary>OpenSearch cluster (production).</summary>
    OpenSearch,

    /// <summary>Cassandra cluster (production).</summary>
    Cassandra,
}
