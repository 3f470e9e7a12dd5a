using System.Text.RegularExpressions;

namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Fallback for split patterns without a hand-written matcher: .NET <see cref="Regex"/>, compiled once.
/// Its classes see UTF-16 code units, so letters outside the BMP may split differently from the Rust original.</summary>
internal sealed class RegexSplitPattern : ISplitPattern
{
    private readonly Regex _regex;

    public RegexSplitPattern(string pattern)
    {
        try
        {
            _regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException ex)
        {
            throw new TokenizerFormatException($"Split pattern '{pattern}' is not a regular expression .NET supports: {ex.Message}", ex);
        }
    }

    public void FindMatches(ReadOnlySpan<char> text, List<(int Start, int Length)> matches)
    {
        foreach (var match in _regex.EnumerateMatches(text))
        {
            matches.Add((match.Index, match.Length));
        }
    }
}
