namespace Jewelry.LoadTests.Receiver;

/// <summary>How the services export OTLP to the receiver: a lever (gRPC is Aspire's default at F5).</summary>
public enum ExportProtocol
{
    HttpProtobuf,
    Grpc,
}

internal static class ExportProtocols
{
    /// <summary>The value of <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, and of <c>--otlp-protocol</c>.</summary>
    public static string Name(this ExportProtocol protocol) => protocol == ExportProtocol.Grpc ? "grpc" : "http/protobuf";

    public static ExportProtocol Parse(string name) => name == "grpc" ? ExportProtocol.Grpc : ExportProtocol.HttpProtobuf;
}
