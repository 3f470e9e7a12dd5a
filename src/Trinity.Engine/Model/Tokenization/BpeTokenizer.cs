using System.Text;

namespace Trinity.Engine.Model.Tokenization;

/// <summary>Byte-level BPE tokenizer loaded from a Hugging Face <c>tokenizer.json</c> (GPT-2, Llama 3, Qwen2 and
/// tiktoken-converted vocabularies). Thread-safe: one instance serves every request of a model.</summary>
internal sealed class BpeTokenizer : ITokenizer
{
    private readonly BpeModel _model;
    private readonly Func<string, string>? _normalizer;
    private readonly PreTokenizers.IPreTokenizer? _preTokenizer;
    private readonly AddedTokenSplitter _rawAddedTokens;
    private readonly AddedTokenSplitter _normalizedAddedTokens;
    private readonly byte[][] _tokenBytes;
    private readonly bool[] _special;
    private readonly Dictionary<string, int> _tokenIds;

    internal BpeTokenizer(
        BpeModel model,
        Func<string, string>? normalizer,
        PreTokenizers.IPreTokenizer? preTokenizer,
        Dictionary<string, int> vocab,
        IReadOnlyList<AddedToken> addedTokens)
    {
        _model = model;
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _rawAddedTokens = new AddedTokenSplitter(addedTokens.Where(t => !t.Normalized || normalizer is null));
        _normalizedAddedTokens = new AddedTokenSplitter(addedTokens.Where(t => t.Normalized && normalizer is not null));

        var maxId = Math.Max(vocab.Count == 0 ? -1 : vocab.Values.Max(), addedTokens.Count == 0 ? -1 : addedTokens.Max(t => t.Id));
        VocabSize = maxId + 1;
        _tokenBytes = new byte[VocabSize][];
        _special = new bool[VocabSize];
        _tokenIds = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
        var scratch = new List<byte>();
        foreach (var (token, id) in vocab)
        {
            _tokenBytes[id] = TokenToBytes(token, scratch);
        }

        foreach (var added in addedTokens)
        {
            _tokenBytes[added.Id] = TokenToBytes(added.Content, scratch);
            _special[added.Id] = added.Special;
            _tokenIds[added.Content] = added.Id;
        }
    }

    public int VocabSize { get; }

    /// <summary>Loads <c>tokenizer.json</c> from a file.</summary>
    public static BpeTokenizer FromFile(string path) => TokenizerJsonReader.Read(File.ReadAllText(path));

    /// <summary>Loads <c>tokenizer.json</c> from its text.</summary>
    public static BpeTokenizer FromJson(string json) => TokenizerJsonReader.Read(json);

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        var segments = new List<TextSegment>();
        var pieces = new List<ReadOnlyMemory<char>>();
        _rawAddedTokens.Split(text.AsMemory(), segments);
        foreach (var segment in segments)
        {
            if (segment.IsToken)
            {
                ids.Add(segment.TokenId);
            }
            else if (_normalizer is null)
            {
                EncodeText(segment.Text, ids, pieces);
            }
            else
            {
                EncodeNormalized(segment.Text, ids, pieces);
            }
        }

        return [.. ids];
    }

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        var bytes = new List<byte>(ids.Length * 4);
        foreach (var id in ids)
        {
            if (TryGetBytes(id, skipSpecialTokens, out var tokenBytes))
            {
                bytes.AddRange(tokenBytes);
            }
        }

        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    public IStreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) => new Utf8StreamingDecoder(this, skipSpecialTokens);

    public bool TryGetTokenId(string token, out int id) => _tokenIds.TryGetValue(token, out id);

    public bool IsSpecial(int id) => (uint)id < (uint)_special.Length && _special[id];

    /// <summary>The UTF-8 bytes a token stands for; false for unknown ids and, if asked, special tokens.</summary>
    internal bool TryGetBytes(int id, bool skipSpecialTokens, out byte[] bytes)
    {
        bytes = (uint)id < (uint)_tokenBytes.Length ? _tokenBytes[id] : null!;
        return bytes is not null && !(skipSpecialTokens && _special[id]);
    }

    private void EncodeNormalized(ReadOnlyMemory<char> text, List<int> ids, List<ReadOnlyMemory<char>> pieces)
    {
        var normalized = _normalizer!(text.ToString()).AsMemory();
        if (_normalizedAddedTokens.IsEmpty)
        {
            EncodeText(normalized, ids, pieces);
            return;
        }

        var segments = new List<TextSegment>();
        _normalizedAddedTokens.Split(normalized, segments);
        foreach (var segment in segments)
        {
            if (segment.IsToken)
            {
                ids.Add(segment.TokenId);
            }
            else
            {
                EncodeText(segment.Text, ids, pieces);
            }
        }
    }

    private void EncodeText(ReadOnlyMemory<char> text, List<int> ids, List<ReadOnlyMemory<char>> pieces)
    {
        pieces.Clear();
        if (_preTokenizer is null)
        {
            pieces.Add(text);
        }
        else
        {
            _preTokenizer.Split(text, pieces);
        }

        foreach (var piece in pieces)
        {
            _model.Encode(piece.Span, ids);
        }
    }

    /// <summary>As Hugging Face's ByteLevel decoder: a token whose characters are all in the byte alphabet stands
    /// for those bytes; any other token (an added token with a space, say) for its own UTF-8.</summary>
    private static byte[] TokenToBytes(string token, List<byte> scratch)
    {
        scratch.Clear();
        return ByteLevelAlphabet.TryDecode(token, scratch) ? [.. scratch] : Encoding.UTF8.GetBytes(token);
    }
}
