using Jewelry.MesApi.Production;
using Jewelry.ServiceDefaults.Paging;
using Jewelry.ServiceDefaults.Security;
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

        orders.MapGet("/", ListOrders)
            .WithName("ListProductionOrders")
            .WithSummary("Lists production orders, newest first, optionally of one status, one page at a time.");

        orders.MapGet("/{orderId:guid}", GetOrder)
            .WithName("GetProductionOrder")
            .WithSummary("Gets one production order.");

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
}
