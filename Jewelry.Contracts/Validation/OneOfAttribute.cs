using System.ComponentModel.DataAnnotations;

namespace Jewelry.Contracts.Validation;

/// <summary>
/// A string that is one of a closed set of values. A request naming another value is refused with a message that
/// lists the allowed ones, and the OpenAPI documents show the set as the property's <c>enum</c> (ServiceDefaults'
/// schema transformer reads <see cref="AllowedValuesAttribute.Values"/>). On a response property it documents what a
/// client may read. A missing value is left to <see cref="RequiredAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public abstract class OneOfAttribute(IEnumerable<string> values) : AllowedValuesAttribute([null, .. values])
{
    public override string FormatErrorMessage(string name) => $"{name} must be one of {string.Join(", ", Values.OfType<string>())}.";
}
