using System.Security.Claims;
using Jewelry.Contracts.Paging;
using Jewelry.CrmApi.Customers;
using Jewelry.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Jewelry.CrmApi.Apis;

/// <summary>The customers sellers look after.</summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers").RetryingReadsOnLostConnection();

        customers.MapGet("", FindCustomers)
            .WithName("FindCustomers")
            .WithSummary("Finds customers by a part of their name or e-mail, one page at a time.")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Seller, Roles.Admin));

        customers.MapPost("", CreateCustomer)
            .WithName("CreateCustomer")
            .WithSummary("Adds a customer; the e-mail address must not belong to another customer.")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Seller, Roles.Admin));

        customers.MapGet("/{id:guid}", GetCustomer)
            .WithName("GetCustomer")
            .WithSummary("Gets one customer: sellers any, a customer only themselves (the Shop resolves the buyer this way).")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Seller, Roles.Admin, Roles.Customer));

        return app;
    }

    private static async Task<Ok<PagedResult<Customer>>> FindCustomers(
        [AsParameters] CustomerSearch search, [AsParameters] PageRequest page, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CustomerQueries.FindAsync(database, search, page, cancellationToken));

    private static async Task<Results<Created<Customer>, ProblemHttpResult>> CreateCustomer(
        CreateCustomerRequest request, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        await CustomerQueries.CreateAsync(database, request, cancellationToken) is { } customer
            ? TypedResults.Created($"/api/customers/{customer.Id}", customer)
            : TypedResults.Problem(
                detail: "Another customer already has this e-mail address.",
                statusCode: StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<Customer>, NotFound>> GetCustomer(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        // A customer asking for someone else is told nothing more than for an id that does not exist.
        var mayRead = user.IsInRole(Roles.Seller) || user.IsInRole(Roles.Admin) || user.FindFirstValue(JwtClaims.UserId) == id.ToString();
        return mayRead && await CustomerQueries.GetAsync(database, id, cancellationToken) is { } customer
            ? TypedResults.Ok(customer)
            : TypedResults.NotFound();
    }
}
