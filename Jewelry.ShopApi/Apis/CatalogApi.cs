using Jewelry.Contracts.Paging;
using Jewelry.ShopApi.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Jewelry.ShopApi.Apis;

/// <summary>The jewelry catalog customers browse before they order.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/catalog").WithTags("Catalog").RetryingReadsOnLostConnection();

        catalog.MapGet("/items", ListItems)
            .WithName("ListCatalogItems")
            .WithSummary("Lists catalog items, optionally filtered by category and material, one page at a time.");

        catalog.MapGet("/items/{id:int}", GetItem)
            .WithName("GetCatalogItem")
            .WithSummary("Gets one catalog item.");

        return app;
    }

    private static async Task<Ok<PagedResult<CatalogItem>>> ListItems(
        [AsParameters] CatalogQuery query, [AsParameters] PageRequest page, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CatalogQueries.ListAsync(database, query, page, cancellationToken));

    private static async Task<Results<Ok<CatalogItem>, NotFound>> GetItem(
        int id, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        await CatalogQueries.FindAsync(database, id, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : TypedResults.NotFound();
}
