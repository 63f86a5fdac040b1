using System.Security.Claims;
using Jewelry.Contracts.Paging;
using Jewelry.MesApi.Production;
using Jewelry.Messaging;
using Jewelry.ServiceDefaults.Security;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Jewelry.MesApi.Apis;

/// <summary>The production orders operators work through on the shop floor.</summary>
public static class ProductionOrdersApi
{
    public static IEndpointRouteBuilder MapProductionOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/production-orders")
            .WithTags("Production orders")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Admin));

        orders.MapGet("", ListOrders)
            .WithName("ListProductionOrders")
            .WithSummary("Lists production orders, newest first, optionally of one status, one page at a time.");

        orders.MapGet("/{orderId:guid}", GetOrder)
            .WithName("GetProductionOrder")
            .WithSummary("Gets one production order.");

        orders.MapPost("/{orderId:guid}/status", ChangeStatus)
            .WithName("ChangeProductionOrderStatus")
            .WithSummary("Moves an order on the shop floor: Approved -> InProduction -> QualityCheck -> Completed (or back to InProduction, or Cancelled).");

        return app;
    }

    private static async Task<Ok<PagedResult<ProductionOrder>>> ListOrders(
        [AsParameters] ProductionOrderQuery query, [AsParameters] PageRequest page, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ProductionOrderQueries.ListAsync(database, query, page, cancellationToken));

    private static async Task<Results<Ok<ProductionOrder>, NotFound>> GetOrder(
        Guid orderId, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        await ProductionOrderQueries.GetAsync(database, orderId, cancellationToken) is { } order
            ? TypedResults.Ok(order)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ProductionOrder>, NotFound, ProblemHttpResult>> ChangeStatus(
        Guid orderId, ChangeStatusRequest request, ClaimsPrincipal user, NpgsqlDataSource database, OutboxSignal outboxSignal,
        CancellationToken cancellationToken)
    {
        OrderTrace.WorkOn(orderId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var current = await ProductionOrderChanges.LockStatusAsync(transaction, orderId, cancellationToken);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        if (!ProductionStatus.OperatorMayMove(current, request.Status))
        {
            return TypedResults.Problem(
                detail: $"An order in status {current} cannot move to {request.Status}.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var operatorId = user.FindFirstValue(JwtClaims.UserId) ?? "unknown";
        await ProductionOrderChanges.ChangeStatusAsync(transaction, orderId, request.Status, operatorId, announce: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();

        return TypedResults.Ok((await ProductionOrderQueries.GetAsync(database, orderId, cancellationToken))!);
    }
}
