using System.Collections.Frozen;
using System.Runtime.CompilerServices;
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

    private const string BearerReplacement = "${scheme} " + Mask;
    private const string JwtReplacement = Mask + ":jwt";
    private const string EmailReplacement = Mask + ":email";
    private const string CardReplacement = Mask + ":card";
    private const string PhoneReplacement = Mask + ":phone";

    // Attribute keys are few and repeat on every span: what a key's name calls for is decided once. Keys built from
    // request input (jewelry.request.body.<path>) could be invented without end, so the cache stops growing.
    private const int MaxCachedKeys = 4096;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _sensitiveNames;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _hashedNames;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KeyRuleEntry> _keyRules = new(StringComparer.Ordinal);
    private readonly byte[]? _hashKey;

    /// <summary>
    /// Attributes that by definition hold no secret or personal data (addresses of servers, ids, methods, routes,
    /// status codes): their values are left alone, for speed and to avoid false hits.
    /// </summary>
    private static readonly FrozenSet<string> SafeAttributes = new[]
    {
        "http.request.method", "http.route", "http.response.status_code", "url.scheme", "network.protocol.name",
        "network.protocol.version", "network.peer.address", "network.local.address", "server.address", "client.address",
        "db.system.name", "db.namespace", "db.operation.name", "messaging.system", "messaging.operation.type",
        "messaging.operation.name", "messaging.destination.name", "messaging.message.id", "jewelry.order.id", "user.id",
        "user.roles", "error.type", "otel.status_code", "aspire.destination",
    }.ToFrozenSet(StringComparer.Ordinal);

    // The rule of each key instance seen lately, found by reference: the keys of stock instrumentation and of the
    // enrichers are the same string instances on every span, so most lookups hash nothing.
    private readonly KeyRuleEntry?[] _recentRules = new KeyRuleEntry?[256];

    private sealed record KeyRuleEntry(string Key, KeyRule Rule);

    // The outcome for each text instance searched lately, found by reference: query texts are the code's constants,
    // the same instance on every span, so each is searched once instead of on every query. A text built per call
    // only holds a slot until another lands on it; short texts cost less to search than to remember, and long ones
    // are not worth keeping alive.
    private readonly SearchedText?[] _recentTexts = new SearchedText?[256];
    private const int MinRememberedLength = 32;
    private const int MaxRememberedLength = 8192;

    private sealed record SearchedText(string Text, string Redacted);

    private enum KeyRule : byte
    {
        /// <summary>The value is searched for secrets and personal data.</summary>
        Content,

        /// <summary>The value is left alone (<see cref="SafeAttributes"/>).</summary>
        Safe,

        /// <summary>The key names a sensitive parameter: the value is masked.</summary>
        Masked,

        /// <summary>The key names a sensitive parameter whose value is hashed, so it can be correlated.</summary>
        Hashed,
    }

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

        return RuleFor(key) switch
        {
            KeyRule.Safe => value,
            KeyRule.Masked => Mask,
            KeyRule.Hashed => Hash(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            _ => value is string text ? RedactRecurring(text) : value,
        };
    }

    private string RedactRecurring(string text)
    {
        if (text.Length is < MinRememberedLength or > MaxRememberedLength)
        {
            return Redact(text);
        }

        ref var recent = ref _recentTexts[RuntimeHelpers.GetHashCode(text) & (_recentTexts.Length - 1)];
        if (Volatile.Read(ref recent) is { } seen && ReferenceEquals(seen.Text, text))
        {
            return seen.Redacted;
        }

        var redacted = Redact(text);
        Volatile.Write(ref recent, new SearchedText(text, redacted));
        return redacted;
    }

    private KeyRule RuleFor(string key)
    {
        ref var recent = ref _recentRules[RuntimeHelpers.GetHashCode(key) & (_recentRules.Length - 1)];
        if (Volatile.Read(ref recent) is { } seen && ReferenceEquals(seen.Key, key))
        {
            return seen.Rule;
        }

        if (!_keyRules.TryGetValue(key, out var entry))
        {
            entry = new KeyRuleEntry(key, Decide(key));
            if (_keyRules.Count < MaxCachedKeys)
            {
                entry = _keyRules.GetOrAdd(key, entry);
            }
        }

        Volatile.Write(ref recent, entry);
        return entry.Rule;
    }

    private KeyRule Decide(string key)
    {
        if (SafeAttributes.Contains(key))
        {
            return KeyRule.Safe;
        }

        var name = ParameterName(key);
        return !_sensitiveNames.Contains(name) ? KeyRule.Content
            : _hashKey is not null && _hashedNames.Contains(name) ? KeyRule.Hashed
            : KeyRule.Masked;
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

    /// <summary><c>[HASHED]:</c> and 16 hex digits of HMAC-SHA256 over the trimmed, lower-cased value; an empty value is masked.</summary>
    private string Hash(string value)
    {
        if (_hashKey is null || value.Length == 0)
        {
            return Mask;
        }

        var normalised = System.Text.Encoding.UTF8.GetBytes(value.Trim().ToLowerInvariant());
        var hash = System.Security.Cryptography.HMACSHA256.HashData(_hashKey, normalised);
        return HashPrefix + Convert.ToHexStringLower(hash, 0, 8);
    }

    public string Redact(string text)
    {
        // Most attributes (methods, paths, routes, names of things) hold none of the characters any rule needs.
        if (text.Length < 5 || text.AsSpan().IndexOfAny(RuleCharacters) < 0)
        {
            return text;
        }

        // Each rule runs only when the text holds what it needs.
        var redacted = text.AsSpan().ContainsAny('=', ':') ? MaskSensitiveValues(text) : text;
        // The other rules look at what is left: a masked value needs no further search.
        var span = redacted.AsSpan();

        if (span.Contains("bearer", StringComparison.OrdinalIgnoreCase) || span.Contains("basic", StringComparison.OrdinalIgnoreCase))
        {
            redacted = BearerPattern().Replace(redacted, BearerReplacement);
        }

        if (span.Contains("eyJ", StringComparison.Ordinal))
        {
            redacted = JwtPattern().Replace(redacted, JwtReplacement);
        }

        if (span.Contains('@') || span.Contains("%40", StringComparison.Ordinal))
        {
            redacted = EmailPattern().Replace(redacted, EmailReplacement);
        }

        if (HasDigits(span, 9))
        {
            // A GUID's digit groups can pass for a card number (one in ten passes Luhn): ids are never cards.
            var input = redacted;
            var guids = input.Contains('-', StringComparison.Ordinal) ? GuidPattern().Matches(input) : null;
            redacted = CardNumberPattern().Replace(input, match =>
                PassesLuhn(match.Value) && !IsInside(match, guids) ? CardReplacement : match.Value);
            redacted = PhonePattern().Replace(redacted, match => LooksLikePhone(match.Value) ? PhoneReplacement : match.Value);
        }

        // Regex.Replace returns the input itself when nothing matched; keep that identity for the caller.
        return string.Equals(redacted, text, StringComparison.Ordinal) ? text : redacted;
    }

    private static bool HasDigits(ReadOnlySpan<char> text, int atLeast)
    {
        for (var index = text.IndexOfAnyInRange('0', '9'); index >= 0 && text.Length - index >= atLeast; index = text.IndexOfAnyInRange('0', '9'))
        {
            if (--atLeast == 0)
            {
                return true;
            }

            text = text[(index + 1)..];
        }

        return false;
    }

    /// <summary>
    /// Masks the value after every sensitive <c>name=</c> or <c>"name":"</c> (a name is a letter and 1 to 40 letters,
    /// digits, <c>_</c> or <c>-</c>). Separators are found with a vectorized search and names looked up without
    /// allocating; a new string is built only when there is something to mask.
    /// </summary>
    private string MaskSensitiveValues(string text)
    {
        var span = text.AsSpan();
        System.Text.StringBuilder? masked = null;
        var copiedUpTo = 0;
        // One builder per thread, cleared for each text: only the masked string itself is allocated.
        for (var separator = span.IndexOfAny('=', ':'); separator >= 0; separator = NextSeparator(span, separator + 1))
        {
            if (!TryReadPair(span, separator, out var name, out var valueStart) || valueStart < copiedUpTo || !_sensitiveNames.Contains(name))
            {
                continue;
            }

            var valueEnd = span[valueStart..].IndexOfAny(ValueTerminators);
            valueEnd = valueEnd < 0 ? span.Length : valueStart + valueEnd;
            masked ??= (t_builder ??= new System.Text.StringBuilder()).Clear();
            masked.Append(text, copiedUpTo, valueStart - copiedUpTo).Append(Mask);
            copiedUpTo = valueEnd;
        }

        return masked is null ? text : masked.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    [ThreadStatic]
    private static System.Text.StringBuilder? t_builder;

    private static int NextSeparator(ReadOnlySpan<char> text, int from)
    {
        var next = text[from..].IndexOfAny('=', ':');
        return next < 0 ? -1 : from + next;
    }

    /// <summary>The name before the separator at <paramref name="separator"/> and where its value starts: <c>name=</c>, or <c>name"\s*:\s*"</c>.</summary>
    private static bool TryReadPair(ReadOnlySpan<char> text, int separator, out ReadOnlySpan<char> name, out int valueStart)
    {
        name = default;
        valueStart = separator + 1;
        var nameEnd = separator;
        if (text[separator] == ':')
        {
            var quote = separator - 1;
            while (quote >= 0 && char.IsWhiteSpace(text[quote]))
            {
                quote--;
            }

            while (valueStart < text.Length && char.IsWhiteSpace(text[valueStart]))
            {
                valueStart++;
            }

            if (quote < 0 || text[quote] != '"' || valueStart >= text.Length || text[valueStart] != '"')
            {
                return false;
            }

            nameEnd = quote;
            valueStart++;
        }

        // The longest run of name characters (at most 41) before it, starting at its first letter.
        var start = nameEnd;
        while (start > 0 && nameEnd - start < MaxNameLength && IsNameCharacter(text[start - 1]))
        {
            start--;
        }

        while (start < nameEnd && !char.IsAsciiLetter(text[start]))
        {
            start++;
        }

        name = text[start..nameEnd];
        return name.Length >= 2;
    }

    private const int MaxNameLength = 41;

    private static bool IsNameCharacter(char character) => char.IsAsciiLetterOrDigit(character) || character is '_' or '-';

    // A bare run of digits is more often an id or a timestamp than a phone: a phone number is written with a
    // leading + or with separators. (Trade-off: "89001234567" written without either is not caught.)
    private static bool LooksLikePhone(string candidate) =>
        candidate.Count(char.IsAsciiDigit) is >= 9 and <= 15 &&
        (candidate[0] == '+' || candidate.Any(character => character is ' ' or '-' or '(' or ')'));

    private static bool IsInside(Match match, MatchCollection? guids) =>
        guids is not null && guids.Any(guid => match.Index < guid.Index + guid.Length && guid.Index < match.Index + match.Length);

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

    // What the rules below look for first: a separator, an e-mail's @ (or %40), a bearer/basic scheme, a JWT's eyJ, digits.
    private static readonly System.Buffers.SearchValues<char> RuleCharacters = System.Buffers.SearchValues.Create("=:@%bBJ0123456789");

    private static readonly System.Buffers.SearchValues<char> ValueTerminators = System.Buffers.SearchValues.Create("&\"\t\r\n ,;}");

    [GeneratedRegex(@"(?<scheme>Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(@|%40)[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<!\d)(?:\d[ \-]?){12,18}\d(?!\d)")]
    private static partial Regex CardNumberPattern();

    [GeneratedRegex(@"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")]
    private static partial Regex GuidPattern();

    // International or national numbers (9 to 15 digits and the form checked in LooksLikePhone) with spaces, dashes or brackets;
    // no dots, so IP addresses are not phones, and dates have too few digits.
    [GeneratedRegex(@"(?<![\w-])[+(]?\d[\d \-()]{7,}\d(?![\w-])")]
    private static partial Regex PhonePattern();
}
