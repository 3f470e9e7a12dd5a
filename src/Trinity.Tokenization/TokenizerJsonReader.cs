using System.Text.Json;
using Trinity.Tokenization.Decoders;
using Trinity.Tokenization.PostProcessors;
using Trinity.Tokenization.PreTokenizers;

namespace Trinity.Tokenization;

/// <summary>Reads a Hugging Face <c>tokenizer.json</c> whose model is BPE: byte-level when the pre-tokenizer has a
/// <c>ByteLevel</c> step, SentencePiece-style (characters, <c>▁</c> for spaces, byte fallback) otherwise.</summary>
internal static class TokenizerJsonReader
{
    private static readonly JsonElement NullElement = JsonSerializer.Deserialize<JsonElement>("null");

    public static BpeTokenizer Read(string json)
    {
        using var document = ParseDocument(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new TokenizerFormatException("tokenizer.json has no model object.");
        }

        var type = model.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : "BPE";
        if (type != "BPE")
        {
            throw new TokenizerFormatException(
                $"Unsupported tokenizer model type '{type}': only BPE (byte-level or SentencePiece-style) is implemented.");
        }

        RejectSubwordMarkers(model);
        var vocab = ReadVocab(model.GetProperty("vocab"));
        var merges = ReadMerges(model.GetProperty("merges"));
        var ignoreMerges = Flag(model, "ignore_merges", false);
        var preTokenizer = PreTokenizerFactory.Create(Property(root, "pre_tokenizer"), out var byteLevel);
        var decoder = DecoderFactory.Create(Property(root, "decoder"), byteLevel);
        var bpe = byteLevel
            ? new BpeModel(vocab, merges, ignoreMerges)
            : (IBpeModel)new SentencePieceBpeModel(
                vocab,
                merges,
                model.TryGetProperty("unk_token", out var unk) && unk.ValueKind == JsonValueKind.String ? unk.GetString() : null,
                Flag(model, "fuse_unk", false),
                Flag(model, "byte_fallback", false),
                ignoreMerges);

        var normalizer = NormalizerFactory.Create(Property(root, "normalizer"));
        var addedTokens = ReadAddedTokens(Property(root, "added_tokens"));
        var postProcessor = PostProcessorFactory.Create(Property(root, "post_processor"));
        return new BpeTokenizer(bpe, normalizer, preTokenizer, vocab, addedTokens, decoder, postProcessor);
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new TokenizerFormatException($"tokenizer.json is not valid JSON: {ex.Message}", ex);
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : NullElement;

    private static void RejectSubwordMarkers(JsonElement model)
    {
        foreach (var name in (ReadOnlySpan<string>)["continuing_subword_prefix", "end_of_word_suffix"])
        {
            if (model.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
            {
                throw new TokenizerFormatException($"BPE '{name}' is not supported.");
            }
        }
    }

    private static Dictionary<string, int> ReadVocab(JsonElement vocab)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            result[entry.Name] = entry.Value.GetInt32();
        }

        return result;
    }

    private static List<(string Left, string Right)> ReadMerges(JsonElement merges)
    {
        var result = new List<(string Left, string Right)>(merges.GetArrayLength());
        foreach (var merge in merges.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            {
                result.Add((merge[0].GetString()!, merge[1].GetString()!));
                continue;
            }

            var text = merge.ValueKind == JsonValueKind.String ? merge.GetString()! : string.Empty;
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || space != text.LastIndexOf(' ') || space == text.Length - 1)
            {
                throw new TokenizerFormatException($"Merge {merge.GetRawText()} is neither \"a b\" nor [\"a\", \"b\"].");
            }

            result.Add((text[..space], text[(space + 1)..]));
        }

        return result;
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement tokens)
    {
        var result = new List<AddedToken>();
        if (tokens.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var token in tokens.EnumerateArray())
        {
            var special = Flag(token, "special", false);
            result.Add(new AddedToken(
                token.GetProperty("id").GetInt32(),
                token.GetProperty("content").GetString()!,
                special,
                Flag(token, "lstrip", false),
                Flag(token, "rstrip", false),
                Flag(token, "single_word", false),
                Flag(token, "normalized", !special)));
        }

        return result;
    }

    private static bool Flag(JsonElement element, string name, bool defaultValue) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : defaultValue;
}
