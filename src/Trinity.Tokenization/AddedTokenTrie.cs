namespace Trinity.Tokenization;

/// <summary>A character trie of added tokens: the longest token starting at a position is found in one walk,
/// however many tokens share a prefix (Llama 3 has 256 <c>&lt;|reserved_special_token_N|&gt;</c>).</summary>
internal sealed class AddedTokenTrie
{
    private readonly Dictionary<char, AddedTokenTrie> _children = [];
    private AddedToken? _token;

    public IEnumerable<char> FirstCharacters => _children.Keys;

    public void Add(AddedToken token)
    {
        var node = this;
        foreach (var c in token.Content)
        {
            if (!node._children.TryGetValue(c, out var child))
            {
                child = new AddedTokenTrie();
                node._children[c] = child;
            }

            node = child;
        }

        // Two added tokens with the same text: the first listed wins, as in Hugging Face.
        node._token ??= token;
    }

    /// <summary>The longest token that <paramref name="text"/> starts with, or null.</summary>
    public AddedToken? LongestPrefixOf(ReadOnlySpan<char> text)
    {
        AddedToken? longest = null;
        var node = this;
        foreach (var c in text)
        {
            if (!node._children.TryGetValue(c, out node))
            {
                break;
            }

            longest = node._token ?? longest;
        }

        return longest;
    }
}
