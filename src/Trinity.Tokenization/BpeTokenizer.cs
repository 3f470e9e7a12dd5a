using Trinity.Tokenization.Decoders;
using Trinity.Tokenization.PostProcessors;
using Trinity.Tokenization.PreTokenizers;

namespace Trinity.Tokenization;

/// <summary>BPE tokenizer loaded from a Hugging Face <c>tokenizer.json</c>: byte-level (GPT-2, Llama 3, Qwen2 and
/// tiktoken-converted vocabularies) or SentencePiece-style (Llama 2, Mistral, Phi-3: <c>▁</c> for spaces, byte
/// fallback). Thread-safe: one instance serves every request of a model.</summary>
public sealed class BpeTokenizer : ITokenizer
{
    private readonly IBpeModel _model;
    private readonly Func<string, string>? _normalizer;
    private readonly IPreTokenizer? _preTokenizer;
    private readonly AddedTokenSplitter _rawAddedTokens;
    private readonly AddedTokenSplitter _normalizedAddedTokens;
    private readonly SpecialTokenTemplate _postProcessor;
    private readonly Dictionary<string, int> _tokenIds;

    internal BpeTokenizer(
        IBpeModel model,
        Func<string, string>? normalizer,
        IPreTokenizer? preTokenizer,
        Dictionary<string, int> vocab,
        IReadOnlyList<AddedToken> addedTokens,
        DecoderSpec decoder,
        SpecialTokenTemplate postProcessor)
    {
        _model = model;
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _postProcessor = postProcessor;
        _rawAddedTokens = new AddedTokenSplitter(addedTokens.Where(t => !t.Normalized || normalizer is null));

        // Hugging Face matches a normalized added token by its normalized content (with Llama 2's normalizer,
        // "<tool>" is looked for as "▁<tool>").
        _normalizedAddedTokens = new AddedTokenSplitter(addedTokens
            .Where(t => t.Normalized && normalizer is not null)
            .Select(t => t with { Content = normalizer!(t.Content) }));

        var maxId = Math.Max(vocab.Count == 0 ? -1 : vocab.Values.Max(), addedTokens.Count == 0 ? -1 : addedTokens.Max(t => t.Id));
        VocabSize = maxId + 1;
        _tokenIds = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
        foreach (var added in addedTokens)
        {
            _tokenIds[added.Content] = added.Id;
        }

        Decoder = new TokenDecoder(
            decoder,
            VocabSize,
            vocab.Select(pair => (pair.Value, pair.Key)).Concat(addedTokens.Select(t => (t.Id, DecodedForm(t)))),
            addedTokens.Where(t => t.Special).Select(t => t.Id));
    }

    public int VocabSize { get; }

    /// <summary>Id → text, shared with the streaming decoders.</summary>
    internal TokenDecoder Decoder { get; }

    /// <summary>Loads <c>tokenizer.json</c> from a file.</summary>
    public static BpeTokenizer FromFile(string path) => TokenizerJsonReader.Read(File.ReadAllText(path));

    /// <summary>Loads <c>tokenizer.json</c> from its text.</summary>
    public static BpeTokenizer FromJson(string json) => TokenizerJsonReader.Read(json);

    public int[] Encode(string text) => Encode(text, addSpecialTokens: false);

    public int[] Encode(string text, bool addSpecialTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens)
        {
            ids.AddRange(_postProcessor.Prefix);
        }

        var segments = new List<TextSegment>();
        var pieces = new List<ReadOnlyMemory<char>>();
        _rawAddedTokens.Split(text.AsMemory(), segments);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];

            // Only text before any added token starts the input (Metaspace's prepend_scheme "first").
            var startsText = i == 0;
            if (segment.IsToken)
            {
                ids.Add(segment.TokenId);
            }
            else if (_normalizer is null)
            {
                EncodeText(segment.Text, startsText, ids, pieces);
            }
            else
            {
                EncodeNormalized(segment.Text, startsText, ids, pieces);
            }
        }

        if (addSpecialTokens)
        {
            ids.AddRange(_postProcessor.Suffix);
        }

        return [.. ids];
    }

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false) => Decoder.Decode(ids, skipSpecialTokens);

    public IStreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) => Decoder.IsByteLevel
        ? new Utf8StreamingDecoder(Decoder, skipSpecialTokens)
        : new SentencePieceStreamingDecoder(Decoder, skipSpecialTokens);

    public bool TryGetTokenId(string token, out int id) => _tokenIds.TryGetValue(token, out id);

    public bool IsSpecial(int id) => Decoder.IsSpecial(id);

    public ReadOnlySpan<byte> TokenBytes(int id) => Decoder.TryGetBytes(id, skipSpecialTokens: false, first: false, out var bytes) ? bytes : [];

    /// <summary>What an added token decodes from: Hugging Face hands the decoder a normalized token's normalized form
    /// ("▁&lt;tool&gt;", which becomes " &lt;tool&gt;").</summary>
    private string DecodedForm(AddedToken token) => token.Normalized && _normalizer is not null ? _normalizer(token.Content) : token.Content;

    private void EncodeNormalized(ReadOnlyMemory<char> text, bool startsText, List<int> ids, List<ReadOnlyMemory<char>> pieces)
    {
        var normalized = _normalizer!(text.ToString()).AsMemory();
        if (_normalizedAddedTokens.IsEmpty)
        {
            EncodeText(normalized, startsText, ids, pieces);
            return;
        }

        var segments = new List<TextSegment>();
        _normalizedAddedTokens.Split(normalized, segments);
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].IsToken)
            {
                ids.Add(segments[i].TokenId);
            }
            else
            {
                EncodeText(segments[i].Text, startsText && i == 0, ids, pieces);
            }
        }
    }

    private void EncodeText(ReadOnlyMemory<char> text, bool startsText, List<int> ids, List<ReadOnlyMemory<char>> pieces)
    {
        pieces.Clear();
        if (_preTokenizer is null)
        {
            pieces.Add(text);
        }
        else
        {
            _preTokenizer.Split(text, startsText, pieces);
        }

        foreach (var piece in pieces)
        {
            _model.Encode(piece.Span, ids);
        }
    }
}
