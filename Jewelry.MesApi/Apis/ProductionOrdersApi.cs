using System.Net.Http.Headers;
using System.Security.Claims;
using Jewelry.Contracts.Paging;
using Jewelry.MesApi.Production;
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
            .RequireAuthorization(policy => policy.RequireRole(Roles.Operator, Roles.Admin))
            .RetryingReadsOnLostConnection();

        orders.MapGet("", ListOrders)
            .WithName("ListProductionOrders")
            .WithSummary("Lists production orders, newest first, optionally of one status, one page at a time.");

        orders.MapGet("/{orderId:guid}", GetOrder)
            .WithName("GetProductionOrder")
            .WithSummary("Gets one production order.");

        orders.MapGet("/{orderId:guid}/model", DownloadModel)
            .WithName("DownloadProductionOrderModel")
            .WithSummary("Downloads the customer's 3D model of the order's custom piece, streamed from the Shop's storage.")
            .WithDescription("The Repr-Digest header carries the SHA-256 the Shop recorded at upload.");

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

    private static async Task<Results<FileStreamHttpResult, NotFound>> DownloadModel(
        Guid orderId, HttpContext context, NpgsqlDataSource database, ShopModels models, CancellationToken cancellationToken)
    {
        if (await ProductionOrderQueries.GetAsync(database, orderId, cancellationToken) is not { CustomPieceModelId: { } modelId })
        {
            return TypedResults.NotFound();
        }

        // The operator's own token goes on to the Shop, which lets the workshop read any customer's model.
        var token = AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var parsed) ? parsed : null;
        if (await models.OpenAsync(modelId, token, cancellationToken) is not { } download)
        {
            return TypedResults.NotFound();
        }

        context.Response.RegisterForDispose(download);
        if (download.ReprDigest is { } digest)
        {
            context.Response.Headers["Repr-Digest"] = digest;
        }

        return TypedResults.File(download.Content, download.ContentType, download.FileName);
    }

    private static async Task<Results<Ok<ProductionOrder>, NotFound, ProblemHttpResult>> ChangeStatus(
        Guid orderId, ChangeStatusRequest request, ClaimsPrincipal user, ShopFloorMoves moves, NpgsqlDataSource database,
        CancellationToken cancellationToken)
    {
        var operatorId = user.FindFirstValue(JwtClaims.UserId) ?? "unknown";
        return await moves.MoveAsync(orderId, request.Status, operatorId, cancellationToken) switch
        {
            { Found: false } => TypedResults.NotFound(),
            { RefusalReason: { } refusal } => TypedResults.Problem(refusal, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Ok((await ProductionOrderQueries.GetAsync(database, orderId, cancellationToken))!),
        };
    }
}
