using System.ComponentModel.DataAnnotations;

namespace Jewelry.Contracts.Paging;

/// <summary>
/// The page a list endpoint is asked for (<c>?page=2&amp;pageSize=50</c>), bound with <c>[AsParameters]</c>.
/// Out-of-range values are refused with 400, never silently clamped.
/// </summary>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Items per page, at most <see cref="MaxPageSize"/>.</param>
public sealed record PageRequest(
    [property: Range(1, PageRequest.MaxPage)] int Page = 1,
    [property: Range(1, PageRequest.MaxPageSize)] int PageSize = 20)
{
    public const int MaxPage = 100_000;
    public const int MaxPageSize = 100;

    /// <summary>A list's total is counted up to this many items (see <see cref="PagedResult{T}.TotalCountIsExact"/>).</summary>
    public const int CountLimit = 1_000;

    /// <summary>How far a list query counts: one past <see cref="CountLimit"/>, so the page knows whether there are more.</summary>
    public const int CountProbe = CountLimit + 1;

    public int Offset => (Page - 1) * PageSize;
}
