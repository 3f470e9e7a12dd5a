using System.Globalization;
using System.Text;

namespace Trinity.Grammar.Vocabulary;

/// <summary>
/// A model's vocabulary as the grammar sees it: for each token id the bytes it adds to the output after
/// detokenization, or null for a special (non-text) token, which a grammar never allows; plus the EOS ids, allowed
/// exactly where the grammar may end. Build one per tokenizer and keep it: compiled grammars are cached per instance.
/// </summary>
public sealed class TokenVocabulary
{
    private readonly byte[]?[] _tokens;
    private readonly Lazy<TokenTrie> _trie;

    private TokenVocabulary(byte[]?[] tokens, int[] eosTokenIds)
    {
        _tokens = tokens;
        EosTokenIds = eosTokenIds;
        foreach (var eos in eosTokenIds)
        {
            if ((uint)eos >= (uint)tokens.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(eosTokenIds), $"EOS id {eos} is outside the vocabulary of {tokens.Length}");
            }
        }

        _trie = new Lazy<TokenTrie>(() => new TokenTrie(_tokens), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Number of token ids (the mask covers ids 0 to Count - 1).</summary>
    public int Count => _tokens.Length;

    /// <summary>Number of 32-bit words a token mask needs.</summary>
    public int MaskWords => (_tokens.Length + 31) / 32;

    public IReadOnlyList<int> EosTokenIds { get; }

    /// <summary>The sorted-bytes view of the vocabulary the mask tables are built from, made once.</summary>
    internal TokenTrie Trie => _trie.Value;

    /// <summary>The bytes of token <paramref name="id"/>; empty for a special token.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) => _tokens[id];

    public bool IsSpecial(int id) => _tokens[id] is null;

    /// <summary>A vocabulary from token bytes (tiktoken ranks, for instance); null entries are special tokens.</summary>
    public static TokenVocabulary FromBytes(IReadOnlyList<byte[]?> tokens, IEnumerable<int> eosTokenIds) =>
        new([.. tokens.Select(t => t is { Length: > 0 } ? t : null)], [.. eosTokenIds]);

    /// <summary>A vocabulary from a tokenizer's token strings (index = id; null for an unused id).</summary>
    /// <param name="tokens">The vocabulary strings as the tokenizer file spells them.</param>
    /// <param name="kind">How those strings spell bytes.</param>
    /// <param name="specialTokenIds">Control and added special tokens (BOS, EOS, chat markers, padding).</param>
    /// <param name="eosTokenIds">The ids that end generation.</param>
    public static TokenVocabulary FromTokenStrings(IReadOnlyList<string?> tokens, VocabularyKind kind, IEnumerable<int> specialTokenIds, IEnumerable<int> eosTokenIds)
    {
        var special = specialTokenIds.ToHashSet();
        special.UnionWith(eosTokenIds);
        var bytes = new byte[]?[tokens.Count];
        for (var id = 0; id < tokens.Count; id++)
        {
            var token = tokens[id];
            bytes[id] = token is null || special.Contains(id) ? null : kind switch
            {
                VocabularyKind.ByteLevel => ByteLevelAlphabet.ToBytes(token),
                VocabularyKind.SentencePiece => SentencePieceBytes(token),
                _ => Encoding.UTF8.GetBytes(token),
            };
        }

        return FromBytes(bytes, eosTokenIds);
    }

    private static byte[] SentencePieceBytes(string token)
    {
        if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
        {
            return [b];
        }

        return Encoding.UTF8.GetBytes(token.Replace('\u2581', ' '));
    }
}
