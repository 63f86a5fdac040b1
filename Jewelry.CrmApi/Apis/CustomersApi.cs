using Jewelry.CrmApi.Customers;
using Jewelry.ServiceDefaults.Paging;
using Jewelry.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Jewelry.CrmApi.Apis;

/// <summary>The customers sellers look after.</summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers")
            .WithTags("Customers")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Seller, Roles.Admin));

        customers.MapGet("/", FindCustomers)
            .WithName("FindCustomers")
            .WithSummary("Finds customers by a part of their name or e-mail, one page at a time.");

        customers.MapGet("/{id:guid}", GetCustomer)
            .WithName("GetCustomer")
            .WithSummary("Gets one customer.");

        return app;
    }

    private static async Task<Ok<PagedResult<Customer>>> FindCustomers(
        [AsParameters] CustomerSearch search, [AsParameters] PageRequest page, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CustomerQueries.FindAsync(database, search, page, cancellationToken));

    private static async Task<Results<Ok<Customer>, NotFound>> GetCustomer(
        Guid id, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        await CustomerQueries.GetAsync(database, id, cancellationToken) is { } customer
            ? TypedResults.Ok(customer)
            : TypedResults.NotFound();
}
