using Jewelry.Contracts.Paging;
using Jewelry.CrmApi.Orders;
using Jewelry.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Jewelry.CrmApi.Apis;

/// <summary>The sellers' view of orders: the worklist of priced orders, and the decision to make each.</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders")
            .WithTags("Orders")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Seller, Roles.Admin))
            .RetryingReadsOnLostConnection();

        orders.MapGet("/worklist", Worklist)
            .WithName("SellerWorklist")
            .WithSummary("Priced orders waiting for approval, oldest first.");

        orders.MapGet("/{orderId:guid}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("Gets one order with its history.");

        orders.MapPost("/{orderId:guid}/approve", Approve)
            .WithName("ApproveOrder")
            .WithSummary("Approves a priced order for manufacturing.");

        orders.MapPost("/{orderId:guid}/reject", Reject)
            .WithName("RejectOrder")
            .WithSummary("Rejects a priced order, giving the reason.");

        return app;
    }

    private static async Task<Ok<PagedResult<CrmOrder>>> Worklist(
        [AsParameters] PageRequest page, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CrmOrderQueries.WorklistAsync(database, page, cancellationToken));

    private static async Task<Results<Ok<CrmOrder>, NotFound>> GetOrder(Guid orderId, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        await CrmOrderQueries.GetAsync(database, orderId, cancellationToken) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound();

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> Approve(
        Guid orderId, OrderDecisions decisions, CancellationToken cancellationToken) =>
        DecideAsync(decisions, orderId, approve: true, reason: null, cancellationToken);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> Reject(
        Guid orderId, RejectOrderRequest request, OrderDecisions decisions, CancellationToken cancellationToken) =>
        DecideAsync(decisions, orderId, approve: false, request.Reason, cancellationToken);

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DecideAsync(
        OrderDecisions decisions, Guid orderId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        return await decisions.DecideAsync(orderId, approve, reason, cancellationToken) switch
        {
            { Found: false } => TypedResults.NotFound(),
            { RefusalReason: { } refusal } => TypedResults.Problem(refusal, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.NoContent(),
        };
    }
}
