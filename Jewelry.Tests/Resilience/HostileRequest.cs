using System.Text;
using System.Text.Json;
using CsCheck;

namespace Jewelry.Tests.Resilience;

/// <summary>A malformed request aimed at one documented operation, as a caller who means harm (or is merely broken) sends it.</summary>
public sealed record HostileRequest(ApiOperation Operation, string? Role, string PathAndQuery, string? ContentType, byte[]? Body)
{
    /// <summary>The role of a token that is no token at all: its text is the canary.</summary>
    public const string ForgedToken = "forged";

    public override string ToString() =>
        $"{Operation.Method} {PathAndQuery} ({Operation.Service}, role {Role ?? "anonymous"}, {ContentType ?? "no content type"}, " +
        $"body {(Body is null ? "none" : Body.Length > 200 ? $"{Body.Length} bytes" : Encoding.UTF8.GetString(Body))})";

    public static Gen<HostileRequest> Generator(IReadOnlyList<ApiOperation> operations, string canary) =>
        from operation in Gen.OneOf([.. operations])
        from role in Gen.OneOf([.. Roles])
        from path in PathOf(operation)
        from query in QueryOf(operation, canary)
        from contentType in ContentTypes
        from body in BodyOf(operation, canary)
        select new HostileRequest(operation, role, path + query, body is null ? null : contentType, body);

    /// <summary>Anonymous, a forged token, and a real token of each role.</summary>
    public static readonly IReadOnlyList<string?> Roles = [null, ForgedToken, "customer", "seller", "operator", "partner", "admin"];

    public static readonly IReadOnlyList<string> ContentTypeChoices =
    [
        "application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=----jewel",
        "application/json; charset=utf-16", "application/octet-stream", "model/stl", "no/such/type", "application/json; charset=nonsense",
    ];

    /// <summary>Text that no endpoint should take for what it asks: wrong types, edge numbers, encodings, injections.</summary>
    private static readonly Gen<string> Junk = Gen.Frequency(
        (3, Gen.OneOf(
            "", " ", "-1", "0", "2147483648", "-9223372036854775809", "99999999999999999999999", "1e309", "NaN", "Infinity",
            "null", "true", "[]", "{}", "%", "%zz", "%00", "%C3%28", "../../etc/passwd", "' OR '1'='1", "<script>x</script>",
            "\0", "😀", "\u202e", "00000000-0000-0000-0000-000000000000", "01a212b0-2bff-7434-859d-415c85f4dec", "not-a-guid",
            "2026-13-45", "1.5", "0x10")),
        (2, Gen.String[0, 40]),
        (1, Gen.Char['0', '9'].Array[500, 3000].Select(digits => new string(digits))));

    /// <summary>Half the path values look valid (an id that may exist), so requests also get past routing to the endpoints.</summary>
    private static readonly Gen<string> PathValue = Gen.Frequency(
        (1, Junk),
        (1, Gen.OneOf(Gen.Int[1, 30].Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Guid.Select(id => id.ToString()))));

    private static Gen<string> PathOf(ApiOperation operation) =>
        PathValue.Array[operation.PathParameters.Count].Select(values =>
        {
            var path = operation.PathTemplate;
            for (var i = 0; i < values.Length; i++)
            {
                path = path.Replace($"{{{operation.PathParameters[i]}}}", Uri.EscapeDataString(values[i]), StringComparison.Ordinal);
            }

            return path;
        });

    /// <summary>The documented query parameters with junk values, some invented ones, and secrets under sensitive names.</summary>
    private static Gen<string> QueryOf(ApiOperation operation, string canary) =>
        from values in Junk.Array[operation.QueryParameters.Count]
        from extraName in Gen.OneOf("page", "pageSize", "q", "x[0]", "a.b", "%%", "")
        from extraValue in Junk
        from secrets in Gen.Bool
        select "?" + string.Join('&', operation.QueryParameters.Select((name, i) => $"{name}={Uri.EscapeDataString(values[i])}")
            .Append($"{Uri.EscapeDataString(extraName)}={Uri.EscapeDataString(extraValue)}")
            .Concat(secrets ? [$"token={canary}", $"password={canary}"] : []));

    private static readonly Gen<string> ContentTypes = Gen.Frequency(
        (6, Gen.Const(ContentTypeChoices[0])),
        (1, Gen.OneOf([.. ContentTypeChoices.Skip(1)])));

    /// <summary>No body, or one of the ways a body goes wrong; secrets under sensitive names carry the canary.</summary>
    private static Gen<byte[]?> BodyOf(ApiOperation operation, string canary) => Gen.Frequency(
        (2, Gen.Const((byte[]?)null)),
        (2, Gen.OneOf("{", "[1,2", "{\"items\":", "nul", "{\"a\":1,}", "'single'", "{\"a\":01}", "\"\\ud800\"", "{\"a\":1e400}")
            .Select(text => (byte[]?)Encoding.UTF8.GetBytes(text))),
        (4, WrongTypes(operation.BodyProperties).Select(json => (byte[]?)Encoding.UTF8.GetBytes(json))),
        (2, Gen.Const<byte[]?>(Encoding.UTF8.GetBytes(SecretsBody(canary)))),
        (1, Gen.Int[100, 5000].Select(depth => (byte[]?)Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
        (1, Gen.Int[100, 2000].Select(depth => (byte[]?)Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"items\":", depth)) + "1" + new string('}', depth)))),
        (1, Gen.Int[10_000, 300_000].Select(length => (byte[]?)Encoding.UTF8.GetBytes($"{{\"name\":\"{new string('x', length)}\"}}"))),
        (1, Gen.Byte.Array[1, 200].Select(bytes => (byte[]?)[.. "{\"name\":\""u8, .. bytes, .. "\"}"u8])));

    /// <summary>An object with the operation's own property names, each holding a value of some wrong kind.</summary>
    private static Gen<string> WrongTypes(IReadOnlyList<string> properties)
    {
        var value = Gen.OneOf("123", "-1", "1.5e308", "\"text\"", "true", "null", "[]", "{}", "[{\"x\":[]}]", "\"\"", "{\"items\":[1]}",
            "\"00000000-0000-0000-0000-000000000000\"", "99999999999999999999", "-0", "[null]");
        var names = properties.Count > 0 ? properties : ["items"];
        return value.Array[names.Count].Select(values =>
            "{" + string.Join(',', names.Select((name, i) => $"\"{name}\":{values[i]}")) + "}");
    }

    private static string SecretsBody(string canary) => JsonSerializer.Serialize(new
    {
        password = canary,
        email = $"{canary}@example.com",
        phone = $"+7 900 {canary}",
        cardNumber = canary,
        token = canary,
        fullName = canary,
        engravingText = canary,
        customPiece = new { engravingText = canary },
    });
}
