using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// Masks secrets and personal data in text bound for telemetry: values of sensitive parameters
/// (<c>password=...</c>), bearer tokens and JWTs, e-mail addresses, card numbers (13-19 digits passing the Luhn
/// check) and phone numbers. Text without any of them is returned as the same instance, so clean attributes cost
/// one scan and no allocation.
/// </summary>
public sealed partial class SensitiveDataRedactor
{
    public const string Mask = "[REDACTED]";
    public const string HashPrefix = "[HASHED]:";

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _sensitiveNames;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _hashedNames;
    private readonly byte[]? _hashKey;

    public SensitiveDataRedactor(IOptions<RedactionOptions> options)
    {
        _sensitiveNames = options.Value.SensitiveNames.Concat(options.Value.HashedNames).ToHashSet(ParameterNameComparer.Instance)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _hashedNames = options.Value.HashedNames.ToHashSet(ParameterNameComparer.Instance).GetAlternateLookup<ReadOnlySpan<char>>();
        _hashKey = string.IsNullOrEmpty(options.Value.HashKey) ? null : System.Text.Encoding.UTF8.GetBytes(options.Value.HashKey);
    }

    /// <summary>
    /// An attribute's value as it may leave the process. An attribute named after a sensitive parameter
    /// (<c>jewelry.request.body.password</c>, <c>http.request.header.authorization</c>) is masked, or hashed for
    /// <see cref="RedactionOptions.HashedNames"/>, whatever its value looks like, numbers included; other text is
    /// searched for secrets and personal data. Returns the same instance when nothing changes.
    /// </summary>
    public object? RedactAttribute(string key, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var name = ParameterName(key);
        if (_sensitiveNames.Contains(name))
        {
            return RedactValueOf(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return value is string text ? Redact(text) : value;
    }

    /// <summary>The message and stack trace of an exception, redacted, for its <c>exception.*</c> attributes.</summary>
    public (string Message, string StackTrace) RedactException(Exception exception) =>
        (Redact(exception.Message), Redact(exception.ToString()));

    /// <summary>
    /// The last segment of an attribute name that names a parameter: <c>password</c> of
    /// <c>jewelry.request.body.password</c>, <c>phones</c> of <c>jewelry.request.body.phones.0</c>.
    /// </summary>
    internal static ReadOnlySpan<char> ParameterName(string key)
    {
        var name = key.AsSpan();
        var dot = name.LastIndexOf('.');
        if (dot > 0 && !name[(dot + 1)..].ContainsAnyExceptInRange('0', '9'))
        {
            name = name[..dot];
            dot = name.LastIndexOf('.');
        }

        return name[(dot + 1)..];
    }

    /// <summary>Hashed when the name is one of the hashed names and a key is configured, masked otherwise.</summary>
    private string RedactValueOf(ReadOnlySpan<char> name, string value)
    {
        if (_hashKey is null || !_hashedNames.Contains(name) || value.Length == 0)
        {
            return Mask;
        }

        var normalised = System.Text.Encoding.UTF8.GetBytes(value.Trim().ToLowerInvariant());
        var hash = System.Security.Cryptography.HMACSHA256.HashData(_hashKey, normalised);
        return HashPrefix + Convert.ToHexStringLower(hash, 0, 8);
    }

    public string Redact(string text)
    {
        if (text.Length < 5)
        {
            return text;
        }

        // Each rule runs only when the text holds the character it needs: most attributes (paths, versions,
        // routes) hold none, and then cost one pass over the text.
        var span = text.AsSpan();
        var redacted = text;
        if (span.ContainsAny('=', ':'))
        {
            redacted = MaskSensitiveValues(redacted);
        }

        if (span.Contains("bearer", StringComparison.OrdinalIgnoreCase) || span.Contains("basic", StringComparison.OrdinalIgnoreCase))
        {
            redacted = BearerPattern().Replace(redacted, $"${{scheme}} {Mask}");
        }

        if (span.Contains("eyJ", StringComparison.Ordinal))
        {
            redacted = JwtPattern().Replace(redacted, $"{Mask}:jwt");
        }

        if (span.Contains('@') || span.Contains("%40", StringComparison.Ordinal))
        {
            redacted = EmailPattern().Replace(redacted, $"{Mask}:email");
        }

        if (CountDigits(span) >= 9)
        {
            redacted = CardNumberPattern().Replace(redacted, match => PassesLuhn(match.Value) ? $"{Mask}:card" : match.Value);
            redacted = PhonePattern().Replace(redacted, match => LooksLikePhone(match.Value) ? $"{Mask}:phone" : match.Value);
        }

        // Regex.Replace returns the input itself when nothing matched; keep that identity for the caller.
        return string.Equals(redacted, text, StringComparison.Ordinal) ? text : redacted;
    }

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        var digits = 0;
        foreach (var character in text)
        {
            if (char.IsAsciiDigit(character))
            {
                digits++;
            }
        }

        return digits;
    }

    /// <summary>
    /// Masks the value after every sensitive <c>name=</c> or <c>"name":"</c>. Names are found without allocating;
    /// a new string is built only when there is something to mask.
    /// </summary>
    private string MaskSensitiveValues(string text)
    {
        System.Text.StringBuilder? masked = null;
        var copiedUpTo = 0;
        foreach (var match in NameSeparatorPattern().EnumerateMatches(text))
        {
            var nameAndSeparator = text.AsSpan(match.Index, match.Length);
            var separatorLength = nameAndSeparator[^1] == '=' ? 1 : nameAndSeparator.Length - nameAndSeparator.IndexOf('"');
            var valueStart = match.Index + match.Length;
            if (valueStart < copiedUpTo || !_sensitiveNames.Contains(nameAndSeparator[..^separatorLength]))
            {
                continue;
            }

            var valueEnd = text.AsSpan(valueStart).IndexOfAny(ValueTerminators);
            valueEnd = valueEnd < 0 ? text.Length : valueStart + valueEnd;
            masked ??= new System.Text.StringBuilder(text.Length);
            masked.Append(text, copiedUpTo, valueStart - copiedUpTo).Append(Mask);
            copiedUpTo = valueEnd;
        }

        return masked is null ? text : masked.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    // A bare run of digits is more often an id or a timestamp than a phone: a phone number is written with a
    // leading + or with separators. (Trade-off: "89001234567" written without either is not caught.)
    private static bool LooksLikePhone(string candidate) =>
        candidate.Count(char.IsAsciiDigit) is >= 9 and <= 15 &&
        (candidate[0] == '+' || candidate.Any(character => character is ' ' or '-' or '(' or ')'));

    private static bool PassesLuhn(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(digit => digit - '0').Reverse().ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = digits.Select((digit, index) => index % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit).Sum();
        return sum % 10 == 0;
    }

    private static readonly System.Buffers.SearchValues<char> ValueTerminators = System.Buffers.SearchValues.Create("&\"\t\r\n ,;}");

    // The name and separator of name=value in query strings and form-like text, and of JSON "name":"value" pairs.
    [GeneratedRegex("""[A-Za-z][A-Za-z0-9_\-]{1,40}(?:=|"\s*:\s*")""")]
    private static partial Regex NameSeparatorPattern();

    [GeneratedRegex(@"(?<scheme>Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(@|%40)[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<!\d)(?:\d[ \-]?){12,18}\d(?!\d)")]
    private static partial Regex CardNumberPattern();

    // International or national numbers (9 to 15 digits and the form checked in LooksLikePhone) with spaces, dashes or brackets;
    // no dots, so IP addresses are not phones, and dates have too few digits.
    [GeneratedRegex(@"(?<![\w-])[+(]?\d[\d \-()]{7,}\d(?![\w-])")]
    private static partial Regex PhonePattern();
}
