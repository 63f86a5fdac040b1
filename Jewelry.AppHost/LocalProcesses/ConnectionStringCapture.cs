namespace Jewelry.AppHost.LocalProcesses;

/// <summary>A resource's connection string, known once its endpoints are allocated; the health checks read it.</summary>
internal sealed class CapturedConnectionString
{
    public string? Value { get; set; }
}

internal static class ConnectionStringCapture
{
    public static CapturedConnectionString CaptureConnectionString(
        this IDistributedApplicationBuilder builder, IResourceWithConnectionString resource)
    {
        var captured = new CapturedConnectionString();
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, cancellationToken) =>
            captured.Value = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken));
        return captured;
    }
}
