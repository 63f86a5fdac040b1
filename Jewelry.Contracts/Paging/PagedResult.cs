namespace Jewelry.Contracts.Paging;

/// <summary>One page of a list, with what a client needs to ask for the next.</summary>
/// <param name="Items">The page's items.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Items per page asked for.</param>
/// <param name="TotalCount">
/// How many items match, counted up to <see cref="PageRequest.CountLimit"/>: a list's total then costs the same
/// whether a thousand or a million items match.
/// </param>
/// <param name="TotalCountIsExact">
/// False when more than <see cref="PageRequest.CountLimit"/> items match; <paramref name="TotalCount"/> is then the
/// limit, shown as "1000+".
/// </param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount, bool TotalCountIsExact);

/// <summary>Builds <see cref="PagedResult{T}"/> pages.</summary>
public static class PagedResult
{
    public static PagedResult<T> Empty<T>(PageRequest page) => new([], page.Page, page.PageSize, 0, TotalCountIsExact: true);

    /// <summary>A page whose total was counted with a limit of <see cref="PageRequest.CountLimit"/> + 1.</summary>
    public static PagedResult<T> Create<T>(IReadOnlyList<T> items, PageRequest page, long countedUpToLimitPlusOne) =>
        countedUpToLimitPlusOne > PageRequest.CountLimit
            ? new(items, page.Page, page.PageSize, PageRequest.CountLimit, TotalCountIsExact: false)
            : new(items, page.Page, page.PageSize, countedUpToLimitPlusOne, TotalCountIsExact: true);
}
