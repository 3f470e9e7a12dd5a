namespace Trinity.Grammar.Vocabulary;

/// <summary>
/// The text tokens sorted by their bytes, with each token's common-prefix length with the one before: a trie laid
/// out flat. Walking tokens in this order re-reads only the bytes after the shared prefix, and a prefix the grammar
/// rejects skips every following token that shares it.
/// </summary>
internal sealed class TokenTrie
{
    public TokenTrie(byte[]?[] tokens)
    {
        var ids = Enumerable.Range(0, tokens.Length).Where(i => tokens[i] is not null).ToArray();
        Array.Sort(ids, (a, b) => tokens[a].AsSpan().SequenceCompareTo(tokens[b]));
        Ids = ids;
        Offsets = new int[ids.Length + 1];
        for (var i = 0; i < ids.Length; i++)
        {
            Offsets[i + 1] = Offsets[i] + tokens[ids[i]]!.Length;
        }

        Bytes = new byte[Offsets[^1]];
        SharedPrefix = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            tokens[ids[i]].AsSpan().CopyTo(Bytes.AsSpan(Offsets[i]));
            SharedPrefix[i] = i == 0 ? 0 : (int)Math.Min(int.MaxValue, (long)Token(i - 1).CommonPrefixLength(Token(i)));
            MaxLength = Math.Max(MaxLength, tokens[ids[i]]!.Length);
        }

        // SubtreeEnd[Offsets[i] + d]: the first token after i not sharing i's first d + 1 bytes. Swept backwards,
        // keeping for each depth the nearest following token whose shared prefix is at most that depth.
        SubtreeEnd = new int[Bytes.Length];
        var nearest = new int[MaxLength + 1];
        Array.Fill(nearest, ids.Length);
        for (var i = ids.Length - 1; i >= 0; i--)
        {
            for (var d = 0; d < Offsets[i + 1] - Offsets[i]; d++)
            {
                SubtreeEnd[Offsets[i] + d] = nearest[d];
            }

            for (var d = SharedPrefix[i]; d <= MaxLength; d++)
            {
                nearest[d] = i;
            }
        }
    }

    /// <summary>Where a walk that rejects byte <c>d</c> of sorted token <c>i</c> resumes: <c>SubtreeEnd[Offsets[i] + d]</c>.</summary>
    public int[] SubtreeEnd { get; }

    /// <summary>Token ids in byte order.</summary>
    public int[] Ids { get; }

    /// <summary>The bytes of sorted token <c>i</c> are <c>Bytes[Offsets[i]..Offsets[i + 1]]</c>.</summary>
    public int[] Offsets { get; }

    public byte[] Bytes { get; }

    /// <summary>Length of the prefix sorted token <c>i</c> shares with token <c>i - 1</c>.</summary>
    public int[] SharedPrefix { get; }

    public int MaxLength { get; }

    public int Count => Ids.Length;

    public ReadOnlySpan<byte> Token(int sorted) => Bytes.AsSpan(Offsets[sorted], Offsets[sorted + 1] - Offsets[sorted]);
}
