using System.Buffers;
using System.Text;

namespace Trinity.Tokenization;

/// <summary>Byte-level BPE: a pre-token's UTF-8 bytes start as single-byte tokens and adjacent pairs merge by rank,
/// lowest first, leftmost on ties. Results are cached per pre-token, since text repeats words heavily.</summary>
internal sealed class BpeModel : IBpeModel
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocab;
    private readonly BpeMerges _merges;
    private readonly int[] _byteIds;
    private readonly bool _ignoreMerges;
    private readonly BpeWordCache _cache = new();

    /// <param name="vocab">Byte-level token strings to ids.</param>
    /// <param name="merges">Merge rules in rank order, as pairs of token strings.</param>
    /// <param name="ignoreMerges">A pre-token found whole in the vocabulary is used as is (Llama 3, tiktoken).</param>
    public BpeModel(Dictionary<string, int> vocab, IReadOnlyList<(string Left, string Right)> merges, bool ignoreMerges)
    {
        _vocab = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _ignoreMerges = ignoreMerges;
        _merges = new BpeMerges(vocab, merges);
        _byteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            _byteIds[b] = vocab.TryGetValue(ByteLevelAlphabet.ToChar((byte)b).ToString(), out var id) ? id : -1;
        }
    }

    public void Encode(ReadOnlySpan<char> piece, List<int> output)
    {
        if (_cache.TryGet(piece, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(piece);
        var bytes = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            Encoding.UTF8.GetBytes(piece, bytes);
            var ids = EncodeBytes(bytes.AsSpan(0, byteCount));
            _cache.Add(piece, ids);
            output.AddRange(ids);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private int[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (_ignoreMerges && bytes.Length <= 256)
        {
            Span<char> chars = stackalloc char[bytes.Length];
            ByteLevelAlphabet.Encode(bytes, chars);
            if (_vocab.TryGetValue(chars, out var whole))
            {
                return [whole];
            }
        }

        var ids = ArrayPool<int>.Shared.Rent(bytes.Length);
        try
        {
            var count = 0;
            foreach (var b in bytes)
            {
                // A vocabulary without some byte's token cannot spell it; the byte is dropped, as Hugging Face
                // does when there is no unknown token.
                if (_byteIds[b] >= 0)
                {
                    ids[count++] = _byteIds[b];
                }
            }

            count = _merges.Apply(ids, count);
            return ids.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
        }
    }
}
