namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// What never reaches a span in clear text (configuration section <c>Tracing:Redaction</c>). The defaults cover
/// passwords, tokens, API keys, card numbers, e-mail addresses, phone numbers and people's names and birth dates;
/// a deployment can add names.
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
        // A person's name is personal data, and so is an engraving's dedication ("Anna & Mikhail"). Bare "name" and
        // "address" are left out: they end span attributes that name no person (db.system.name, client.address).
        "fullname", "firstname", "lastname", "middlename", "surname", "birthdate", "dateofbirth", "engravingtext",
    ];

    /// <summary>
    /// Sensitive names whose value is replaced by a keyed hash instead of the mask, where support needs to correlate
    /// (all requests of one e-mail address) without seeing the value: <c>[HASHED]:</c> and 16 hex digits of
    /// HMAC-SHA256 over the trimmed, lower-cased value. Applies to attributes named after the parameter
    /// (<c>jewelry.request.body.email</c>); inside free text the value is masked.
    /// </summary>
    public List<string> HashedNames { get; set; } = ["email", "phone"];

    /// <summary>
    /// The HMAC key, the same in every service so a hash correlates across them (the AppHost passes a generated
    /// secret). Without a key, hashed names are masked: an unkeyed hash of an e-mail is a dictionary lookup away.
    /// </summary>
    public string? HashKey { get; set; }
}
