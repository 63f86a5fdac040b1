namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// Compares parameter names case-insensitively and ignoring <c>-</c> and <c>_</c> ("api_key" = "apiKey" = "API-KEY"),
/// also against spans of the text being redacted, so looking a name up allocates nothing.
/// </summary>
internal sealed class ParameterNameComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    public static readonly ParameterNameComparer Instance = new();

    public bool Equals(string? x, string? y) => x is not null && y is not null && Equals(x.AsSpan(), y);

    public int GetHashCode(string obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<char> alternate, string other)
    {
        int left = 0, right = 0;
        while (true)
        {
            left = SkipSeparators(alternate, left);
            right = SkipSeparators(other, right);
            if (left == alternate.Length || right == other.Length)
            {
                return left == alternate.Length && right == other.Length;
            }

            if (char.ToLowerInvariant(alternate[left++]) != char.ToLowerInvariant(other[right++]))
            {
                return false;
            }
        }
    }

    public int GetHashCode(ReadOnlySpan<char> alternate)
    {
        var hash = new HashCode();
        foreach (var character in alternate)
        {
            if (character is not ('-' or '_'))
            {
                hash.Add(char.ToLowerInvariant(character));
            }
        }

        return hash.ToHashCode();
    }

    public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

    private static int SkipSeparators(ReadOnlySpan<char> text, int index)
    {
        while (index < text.Length && text[index] is '-' or '_')
        {
            index++;
        }

        return index;
    }
}
