using Jewelry.MesApi.Partners;
using Jewelry.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jewelry.MesApi.Apis;

/// <summary>For operators: the partner callbacks MES gave up on, and delivering one again once the partner is back.</summary>
public static class PartnerCallbacksApi
{
    public static IEndpointRouteBuilder MapPartnerCallbacksApi(this IEndpointRouteBuilder app)
    {
        var callbacks = app.MapGroup("/api/partner-callbacks")
            .WithTags("Partner callbacks")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Admin))
            .RetryingReadsOnLostConnection();

        callbacks.MapGet("/failed", ListFailed)
            .WithName("ListFailedPartnerCallbacks")
            .WithSummary("Lists the callbacks every delivery of which failed, oldest first, optionally of one partner.");

        callbacks.MapPost("/{id:long}/retry", Retry)
            .WithName("RetryPartnerCallback")
            .WithSummary("Delivers a failed callback again, with a fresh set of deliveries; the order's later callbacks follow it.");

        return app;
    }

    private static async Task<Ok<IReadOnlyList<FailedPartnerCallback>>> ListFailed(
        string? partnerId, FailedPartnerCallbacks failed, CancellationToken cancellationToken) =>
        TypedResults.Ok(await failed.ListAsync(partnerId, cancellationToken));

    private static async Task<Results<NoContent, NotFound>> Retry(long id, FailedPartnerCallbacks failed, CancellationToken cancellationToken) =>
        await failed.RetryAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
