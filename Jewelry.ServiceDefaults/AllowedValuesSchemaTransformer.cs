using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jewelry.ServiceDefaults;

/// <summary>
/// Shows a closed set of values (<see cref="AllowedValuesAttribute"/> and the attributes built on it) as the
/// schema's <c>enum</c>, on body and response properties and on query parameters alike, so a client learns the
/// values from the document and the UI offers them as a choice. ASP.NET Core maps other validation attributes
/// (Range, StringLength) itself, but not this one.
/// </summary>
internal sealed class AllowedValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (AllowedValuesOf(context) is { } allowed)
        {
            schema.Enum = [.. allowed.Values.OfType<string>().Select(value => (JsonNode)JsonValue.Create(value)!)];
        }

        return Task.CompletedTask;
    }

    private static AllowedValuesAttribute? AllowedValuesOf(OpenApiSchemaTransformerContext context)
    {
        if (context.JsonPropertyInfo is { } property)
        {
            return property.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true)
                .OfType<AllowedValuesAttribute>().FirstOrDefault();
        }

        // A query parameter, or a property of an [AsParameters] type (whose ParameterInfo carries the property's attributes).
        return context.ParameterDescription?.ParameterDescriptor is IParameterInfoParameterDescriptor { ParameterInfo: { } parameter }
            ? parameter.GetCustomAttributes<AllowedValuesAttribute>(inherit: true).FirstOrDefault()
            : null;
    }
}
