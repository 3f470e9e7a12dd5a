using System.Buffers;

namespace Trinity.Tokenization;

/// <summary>Finds added tokens in text, leftmost-longest as Hugging Face's matcher does, honouring
/// <c>lstrip</c>, <c>rstrip</c> and <c>single_word</c>.</summary>
internal sealed class AddedTokenSplitter
{
    private readonly SearchValues<char> _firstChars;
    private readonly AddedTokenTrie _trie = new();

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        foreach (var token in tokens.Where(t => t.Content.Length > 0))
        {
            _trie.Add(token);
        }

        _firstChars = SearchValues.Create([.. _trie.FirstCharacters]);
        IsEmpty = !_trie.FirstCharacters.Any();
    }

    public bool IsEmpty { get; }

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
            var token = _trie.LongestPrefixOf(span[position..]);
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

    private static bool IsWholeWord(ReadOnlySpan<char> span, int start, int end)
    {
        var before = start == 0 || !IsWordChar(span[start - 1]);
        var after = end == span.Length || !IsWordChar(span[end]);
        return before && after;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
