namespace Jewelry.Contracts.Paging;

/// <summary>One page of a list, with what a client needs to ask for the next.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);
