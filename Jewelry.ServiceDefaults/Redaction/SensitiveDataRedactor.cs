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

    private readonly HashSet<string> _sensitiveNames;

    public SensitiveDataRedactor(IOptions<RedactionOptions> options) =>
        _sensitiveNames = options.Value.SensitiveNames.Select(Normalize).ToHashSet(StringComparer.Ordinal);

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
            redacted = NameValuePattern().Replace(redacted, match =>
                _sensitiveNames.Contains(Normalize(match.Groups["name"].Value))
                    ? $"{match.Groups["name"].Value}{match.Groups["separator"].Value}{Mask}"
                    : match.Value);
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

    private static string Normalize(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

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

    // name=value in query strings and form-like text; JSON "name":"value" pairs.
    [GeneratedRegex("""(?<name>[A-Za-z][A-Za-z0-9_\-]{1,40})(?<separator>=|"\s*:\s*")(?<value>[^&"\s,;}]*)""")]
    private static partial Regex NameValuePattern();

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
