using System.Buffers;

namespace Trinity.Engine.Model.Tokenization;

/// <summary>Finds added tokens in text, leftmost-longest as Hugging Face's matcher does, honouring
/// <c>lstrip</c>, <c>rstrip</c> and <c>single_word</c>.</summary>
internal sealed class AddedTokenSplitter
{
    private readonly SearchValues<char> _firstChars;
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens
            .Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ThenBy(t => t.Id).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>Appends the segments of <paramref name="text"/> to <paramref name="output"/>.</summary>
    public void Split(ReadOnlyMemory<char> text, List<TextSegment> output)
    {
        var span = text.Span;
        var emitted = 0;
        var search = 0;
        while (search < span.Length)
        {
            var offset = span[search..].IndexOfAny(_firstChars);
            if (offset < 0)
            {
                break;
            }

            var position = search + offset;
            var token = LongestAt(span, position);
            if (token is null || (token.SingleWord && !IsWholeWord(span, position, position + token.Content.Length)))
            {
                search = position + 1;
                continue;
            }

            var start = position;
            var end = position + token.Content.Length;
            while (token.LeftStrip && start > emitted && char.IsWhiteSpace(span[start - 1]))
            {
                start--;
            }

            while (token.RightStrip && end < span.Length && char.IsWhiteSpace(span[end]))
            {
                end++;
            }

            if (start > emitted)
            {
                output.Add(new TextSegment(text[emitted..start], -1));
            }

            output.Add(new TextSegment(ReadOnlyMemory<char>.Empty, token.Id));
            emitted = end;
            search = end;
        }

        if (emitted < span.Length)
        {
            output.Add(new TextSegment(text[emitted..], -1));
        }
    }

    private AddedToken? LongestAt(ReadOnlySpan<char> span, int position)
    {
        foreach (var candidate in _byFirstChar[span[position]])
        {
            if (span[position..].StartsWith(candidate.Content, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsWholeWord(ReadOnlySpan<char> span, int start, int end)
    {
        var before = start == 0 || !IsWordChar(span[start - 1]);
        var after = end == span.Length || !IsWordChar(span[end]);
        return before && after;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
