using System.Buffers;
using System.Text;

namespace Trinity.Tokenization;

/// <summary>Character-level BPE as SentencePiece-converted vocabularies use it (Llama 2, Mistral, Phi-3): a pre-token's
/// Unicode characters start as tokens and merge by rank like byte-level BPE. A character missing from the vocabulary
/// becomes its UTF-8 bytes as <c>&lt;0xNN&gt;</c> tokens (<c>byte_fallback</c>), else the unknown token (consecutive
/// ones fused into one with <c>fuse_unk</c>), else nothing, in Hugging Face's order.
/// Without a pre-tokenizer a whole prompt is one BPE word; when no vocabulary piece has <c>▁</c> right after another
/// character (SentencePiece never learns one), no merge can cross the start of a <c>▁</c> run, so the text is cut
/// there first: the same ids, but short words that the cache serves.</summary>
internal sealed class SentencePieceBpeModel : IBpeModel
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocab;
    private readonly BpeMerges _merges;
    private readonly int[]? _byteIds;
    private readonly int _unkId;
    private readonly bool _fuseUnk;
    private readonly bool _ignoreMerges;
    private readonly bool _cutBeforeMeta;
    private readonly BpeWordCache _cache = new();

    /// <param name="vocab">Token strings to ids.</param>
    /// <param name="merges">Merge rules in rank order.</param>
    /// <param name="unkToken">The unknown token, or null when unknown characters are dropped.</param>
    /// <param name="fuseUnk">Consecutive unknown characters become one unknown token.</param>
    /// <param name="byteFallback">Unknown characters become <c>&lt;0xNN&gt;</c> byte tokens when all their bytes have one.</param>
    /// <param name="ignoreMerges">A pre-token found whole in the vocabulary is used as is.</param>
    public SentencePieceBpeModel(
        Dictionary<string, int> vocab,
        IReadOnlyList<(string Left, string Right)> merges,
        string? unkToken,
        bool fuseUnk,
        bool byteFallback,
        bool ignoreMerges)
    {
        _vocab = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _merges = new BpeMerges(vocab, merges);
        _fuseUnk = fuseUnk;
        _ignoreMerges = ignoreMerges;
        _unkId = -1;
        if (unkToken is not null && !vocab.TryGetValue(unkToken, out _unkId))
        {
            throw new TokenizerFormatException($"The unknown token '{unkToken}' is not in the vocabulary.");
        }

        _cutBeforeMeta = vocab.ContainsKey(Meta.ToString()) && !vocab.Keys.Any(HasMetaAfterOtherCharacter);
        if (byteFallback)
        {
            _byteIds = new int[256];
            for (var b = 0; b < 256; b++)
            {
                _byteIds[b] = vocab.TryGetValue(ByteToken((byte)b), out var id) ? id : -1;
            }
        }
    }

    private const char Meta = '\u2581';

    /// <summary>The vocabulary string of a byte-fallback token: <c>&lt;0x41&gt;</c> for 0x41.</summary>
    public static string ByteToken(byte value) => $"<0x{value:X2}>";

    public void Encode(ReadOnlySpan<char> piece, List<int> output)
    {
        if (piece.IsEmpty)
        {
            return;
        }

        if (_ignoreMerges && _vocab.TryGetValue(piece, out var whole))
        {
            output.Add(whole);
            return;
        }

        if (!_cutBeforeMeta)
        {
            EncodeWord(piece, output);
            return;
        }

        var start = 0;
        for (var i = 1; i < piece.Length; i++)
        {
            if (piece[i] == Meta && piece[i - 1] != Meta)
            {
                EncodeWord(piece[start..i], output);
                start = i;
            }
        }

        EncodeWord(piece[start..], output);
    }

    private void EncodeWord(ReadOnlySpan<char> word, List<int> output)
    {
        if (_cache.TryGet(word, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        // At most four byte tokens per UTF-16 unit (a lone surrogate becomes U+FFFD's three bytes).
        var ids = ArrayPool<int>.Shared.Rent(word.Length * 4);
        try
        {
            var count = Symbolize(word, ids);
            count = _merges.Apply(ids, count);
            var result = ids.AsSpan(0, count).ToArray();
            _cache.Add(word, result);
            output.AddRange(result);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
        }
    }

    private static bool HasMetaAfterOtherCharacter(string token)
    {
        for (var i = 1; i < token.Length; i++)
        {
            if (token[i] == Meta && token[i - 1] != Meta)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The initial symbols of a pre-token, as Hugging Face's <c>merge_word</c> makes them.</summary>
    private int Symbolize(ReadOnlySpan<char> piece, int[] ids)
    {
        var count = 0;
        var pendingUnk = false;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < piece.Length;)
        {
            Rune.DecodeFromUtf16(piece[i..], out var rune, out var consumed);

            // A lone surrogate stands for U+FFFD, as it would after a round trip through UTF-8.
            var text = consumed == 1 && char.IsSurrogate(piece[i]) ? "\uFFFD".AsSpan() : piece.Slice(i, consumed);
            i += consumed;
            if (_vocab.TryGetValue(text, out var id))
            {
                if (pendingUnk)
                {
                    ids[count++] = _unkId;
                    pendingUnk = false;
                }

                ids[count++] = id;
                continue;
            }

            if (_byteIds is not null && TryAddBytes(rune, utf8, ids, ref count))
            {
                // Hugging Face adds the byte tokens without flushing a pending unknown token first.
                continue;
            }

            if (_unkId >= 0)
            {
                if (pendingUnk && !_fuseUnk)
                {
                    ids[count++] = _unkId;
                }

                pendingUnk = true;
            }
        }

        if (pendingUnk)
        {
            ids[count++] = _unkId;
        }

        return count;
    }

    private bool TryAddBytes(Rune rune, Span<byte> utf8, int[] ids, ref int count)
    {
        var length = rune.EncodeToUtf8(utf8);
        for (var b = 0; b < length; b++)
        {
            if (_byteIds![utf8[b]] < 0)
            {
                return false;
            }
        }

        for (var b = 0; b < length; b++)
        {
            ids[count++] = _byteIds![utf8[b]];
        }

        return true;
    }
}
