using System.ComponentModel.DataAnnotations;
using Jewelry.Contracts.Orders;

namespace Jewelry.MesApi.Partners;

/// <summary>An order a B2B partner places straight in MES.</summary>
/// <param name="ExternalReference">The partner's own order number; sending it again returns the same order.</param>
/// <param name="Description">What to make.</param>
/// <param name="Material">The metal of the piece.</param>
/// <param name="Subtotal">The contract price of the order's standard part, before the custom work.</param>
/// <param name="CallbackUrl">Where MES posts every status change (http or https).</param>
public sealed record PartnerOrderRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string ExternalReference,
    [property: Required, StringLength(500, MinimumLength = 3)] string Description,
    [property: Required, Material] string Material,
    [property: Range(typeof(decimal), "0", "1000000")] decimal Subtotal,
    [property: Required, StringLength(2000)] string CallbackUrl) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(CallbackUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("The callback URL must be an absolute http or https URL.", [nameof(CallbackUrl)]);
        }
    }
}
