namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// What never reaches a span in clear text (configuration section <c>Tracing:Redaction</c>). The defaults cover
/// passwords, tokens, API keys, card numbers, e-mail addresses and phone numbers; a deployment can add names.
/// </summary>
public sealed class RedactionOptions
{
    public const string SectionName = "Tracing:Redaction";

    /// <summary>
    /// Parameter names (query string, form-like <c>name=value</c> text) whose value is always masked, compared
    /// case-insensitively and ignoring <c>-</c> and <c>_</c>: "api_key" also matches "apiKey" and "API-KEY".
    /// </summary>
    public List<string> SensitiveNames { get; set; } =
    [
        "password", "passwd", "secret", "token", "accesstoken", "refreshtoken", "idtoken", "apikey", "key",
        "authorization", "auth", "cardnumber", "card", "pan", "cvv", "cvc", "email", "phone", "search",
    ];
}
