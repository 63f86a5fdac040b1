using System.Net.Http.Headers;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Jewelry.Contracts.Orders;
using Jewelry.Contracts.Paging;
using Jewelry.ServiceDefaults.Security;
using Jewelry.ShopApi.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Jewelry.ShopApi.Apis;

/// <summary>A customer's orders: place one, list them, follow one through its statuses.</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders")
            .WithTags("Orders")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Customer))
            .RetryingReadsOnLostConnection();

        orders.MapPost("", PlaceOrder)
            .WithName("PlaceOrder")
            .WithSummary("Places an order for catalog items and/or a custom piece from a 3D model.");

        orders.MapGet("", ListMyOrders)
            .WithName("ListMyOrders")
            .WithSummary("Lists the caller's orders, newest first.");

        orders.MapGet("/{orderId:guid}", GetMyOrder)
            .WithName("GetMyOrder")
            .WithSummary("Gets one of the caller's orders with its status history.");

        orders.MapPost("/{orderId:guid}/cancel", CancelMyOrder)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CancelMyOrder")
            .WithSummary("Cancels one of the caller's orders while it is Submitted or PriceCalculated; later it is 409 with the reason.")
            .WithDescription("MES stops pricing the order and the CRM drops it from the sellers' worklist, through order.cancelled.");

        return app;
    }

    private static async Task<Results<Created<OrderCreated>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        PlaceOrderRequest request, ClaimsPrincipal user, HttpRequest httpRequest, OrderPlacement placement,
        CancellationToken cancellationToken)
    {
        if (!user.TryGetCustomerId(out var customerId))
        {
            return TypedResults.Problem("The token's subject is not a customer id.", statusCode: StatusCodes.Status403Forbidden);
        }

        // The customer's own token goes on to the CRM, which checks they may read this customer record.
        var token = AuthenticationHeaderValue.TryParse(httpRequest.Headers.Authorization, out var parsed) ? parsed : null;
        var outcome = await placement.PlaceAsync(customerId, token, request, cancellationToken);

        return outcome switch
        {
            { OrderId: { } orderId } => TypedResults.Created($"/api/orders/{orderId}", new OrderCreated(orderId, OrderStatuses.Submitted)),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            _ => TypedResults.Problem(outcome.RefusalReason, statusCode: StatusCodes.Status422UnprocessableEntity),
        };
    }

    private static async Task<Ok<PagedResult<Order>>> ListMyOrders(
        [AsParameters] PageRequest page, ClaimsPrincipal user, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        TypedResults.Ok(user.TryGetCustomerId(out var customerId)
            ? await OrderQueries.ListAsync(database, customerId, page, cancellationToken)
            : PagedResult.Empty<Order>(page));

    private static async Task<Results<Ok<Order>, NotFound>> GetMyOrder(
        Guid orderId, ClaimsPrincipal user, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        user.TryGetCustomerId(out var customerId) && await OrderQueries.GetAsync(database, customerId, orderId, cancellationToken) is { } order
            ? TypedResults.Ok(order)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<Order>, NotFound, ProblemHttpResult>> CancelMyOrder(
        Guid orderId, CancelOrderRequest? request, ClaimsPrincipal user, OrderCancellation cancellation, NpgsqlDataSource database,
        CancellationToken cancellationToken)
    {
        if (!user.TryGetCustomerId(out var customerId))
        {
            return TypedResults.NotFound();
        }

        return await cancellation.CancelAsync(customerId, orderId, request?.Reason, cancellationToken) switch
        {
            { Found: false } => TypedResults.NotFound(),
            { RefusalReason: { } refusal } => TypedResults.Problem(refusal, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Ok((await OrderQueries.GetAsync(database, customerId, orderId, cancellationToken))!),
        };
    }
}

public sealed record OrderCreated(Guid OrderId, [property: OrderStatus] string Status);

/// <summary>Why the customer cancels, for the sellers and the workshop; optional.</summary>
public sealed record CancelOrderRequest([property: StringLength(500)] string? Reason);
