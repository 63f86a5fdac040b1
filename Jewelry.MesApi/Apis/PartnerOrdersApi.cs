using System.Security.Claims;
using Jewelry.MesApi.Partners;
using Jewelry.MesApi.Production;
using Jewelry.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jewelry.MesApi.Apis;

/// <summary>The API B2B partners call directly.</summary>
public static class PartnerOrdersApi
{
    public static IEndpointRouteBuilder MapPartnerOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/partner/orders")
            .WithTags("Partner orders")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Partner))
            .RetryingReadsOnLostConnection();

        orders.MapPost("", PlaceOrder)
            .WithName("PlacePartnerOrder")
            .WithSummary("Places an order; the same external reference again returns the existing order (200) instead of a second one.")
            .WithDescription("The callback URL's host must be one of the partner hosts MES is configured to call (PartnerCallbacks:AllowedHosts); loopback, link-local and private addresses are refused unless configured.");

        orders.MapGet("/{orderId:guid}", GetOrder)
            .WithName("GetPartnerOrder")
            .WithSummary("Gets one of the caller's orders.");

        return app;
    }

    private static async Task<Results<Created<PartnerOrderPlaced>, Ok<PartnerOrderPlaced>, ValidationProblem>> PlaceOrder(
        PartnerOrderRequest request, ClaimsPrincipal user, PartnerOrders partnerOrders, PartnerCallbackAllowList allowList,
        CancellationToken cancellationToken)
    {
        if (allowList.RefusalOf(new Uri(request.CallbackUrl)) is { } refusal)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [nameof(request.CallbackUrl)] = [refusal] });
        }

        var outcome = await partnerOrders.PlaceAsync(PartnerIdOf(user), request, cancellationToken);
        var placed = new PartnerOrderPlaced(outcome.OrderId, request.ExternalReference);
        return outcome.Created ? TypedResults.Created($"/api/partner/orders/{outcome.OrderId}", placed) : TypedResults.Ok(placed);
    }

    private static async Task<Results<Ok<ProductionOrder>, NotFound>> GetOrder(
        Guid orderId, ClaimsPrincipal user, PartnerOrders partnerOrders, CancellationToken cancellationToken) =>
        await partnerOrders.GetAsync(PartnerIdOf(user), orderId, cancellationToken) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound();

    private static string PartnerIdOf(ClaimsPrincipal user) => user.FindFirstValue(JwtClaims.UserId)!;
}

public sealed record PartnerOrderPlaced(Guid OrderId, string ExternalReference);
