using System.Text.Json;

namespace Jewelry.Tests.Resilience;

/// <summary>One operation of a service's OpenAPI document: what a generated request can aim at.</summary>
public sealed record ApiOperation(
    string Service,
    string Method,
    string PathTemplate,
    IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters,
    IReadOnlyList<string> BodyProperties)
{
    public override string ToString() => $"{Service} {Method} {PathTemplate}";

    /// <summary>Every operation of the document, with the property names of its JSON body (its schema resolved one level).</summary>
    public static IEnumerable<ApiOperation> Read(string service, JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var found)
            ? found
            : default;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                yield return new ApiOperation(
                    service,
                    operation.Name.ToUpperInvariant(),
                    path.Name,
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!)],
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)],
                    JsonBodyProperties(operation.Value, schemas));
            }
        }
    }

    private static List<string> JsonBodyProperties(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content))
        {
            return [];
        }

        var schema = content.EnumerateObject().Select(type => type.Value).FirstOrDefault();
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("schema", out schema))
        {
            return [];
        }

        if (schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object)
        {
            schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out schema);
        }

        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateObject().Select(property => property.Name)]
            : [];
    }
}
