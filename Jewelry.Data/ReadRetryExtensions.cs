using Jewelry.Data;
using Microsoft.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

public static class ReadRetryExtensions
{
    /// <summary>
    /// The group's reads (GET, HEAD) are run once more when the database closed their connection under them
    /// (<see cref="ReadRetryEndpointFilter"/>): a failover or terminated backends cost no read.
    /// </summary>
    public static TBuilder RetryingReadsOnLostConnection<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ReadRetryEndpointFilter>();
}
