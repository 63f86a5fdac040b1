using System.ComponentModel.DataAnnotations;
using Jewelry.Contracts.Orders;

namespace Jewelry.MesApi.Production;

/// <summary>The status an operator moves an order to.</summary>
public sealed record ChangeStatusRequest(
    [property: Required, AllowedValues(OrderStatuses.InProduction, OrderStatuses.QualityCheck, OrderStatuses.Completed, OrderStatuses.Cancelled)]
    string Status);
