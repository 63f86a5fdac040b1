using System.ComponentModel.DataAnnotations;

namespace Jewelry.MesApi.Production;

/// <summary>The status an operator moves an order to.</summary>
public sealed record ChangeStatusRequest([property: Required, OperatorTargetStatus] string Status);
