using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trinity.Tokenization.Training;

/// <summary>Writes a Hugging Face <c>tokenizer.json</c> for a byte-level BPE model, in the layout the
/// <c>tokenizers</c> library saves (so that it, ONNX Runtime GenAI and this project's reader all load it).</summary>
internal static class TokenizerJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="vocab">Token strings (byte-level alphabet) in id order.</param>
    /// <param name="merges">Merge rules in rank order.</param>
    /// <param name="addedTokens">Special tokens with their ids (after the vocabulary, or also in it).</param>
    /// <param name="writePreTokenizer">Writes the <c>pre_tokenizer</c> value.</param>
    /// <param name="ignoreMerges">Sets <c>ignore_merges</c> (whole pre-tokens found in the vocabulary skip merging).</param>
    public static string Write(
        IReadOnlyList<string> vocab,
        IReadOnlyList<(string Left, string Right)> merges,
        IReadOnlyList<(int Id, string Content)> addedTokens,
        Action<Utf8JsonWriter> writePreTokenizer,
        bool ignoreMerges = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "1.0");
            writer.WriteNull("truncation");
            writer.WriteNull("padding");
            writer.WriteStartArray("added_tokens");
            foreach (var (id, content) in addedTokens)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", id);
                writer.WriteString("content", content);
                writer.WriteBoolean("single_word", false);
                writer.WriteBoolean("lstrip", false);
                writer.WriteBoolean("rstrip", false);
                writer.WriteBoolean("normalized", false);
                writer.WriteBoolean("special", true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNull("normalizer");
            writer.WritePropertyName("pre_tokenizer");
            writePreTokenizer(writer);
            writer.WriteNull("post_processor");
            writer.WritePropertyName("decoder");
            WriteByteLevel(writer, useRegex: true);
            WriteModel(writer, vocab, merges, ignoreMerges);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A <c>ByteLevel</c> object (pre-tokenizer or decoder) without a prefix space.</summary>
    public static void WriteByteLevel(Utf8JsonWriter writer, bool useRegex)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "ByteLevel");
        writer.WriteBoolean("add_prefix_space", false);
        writer.WriteBoolean("trim_offsets", true);
        writer.WriteBoolean("use_regex", useRegex);
        writer.WriteEndObject();
    }

    /// <summary>The Llama 3 style pre-tokenizer: <c>Split</c> on <paramref name="pattern"/> (isolated), then
    /// <c>ByteLevel</c> without its own regex.</summary>
    public static void WriteSplitThenByteLevel(Utf8JsonWriter writer, string pattern)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("pretokenizers");
        writer.WriteStartObject();
        writer.WriteString("type", "Split");
        writer.WriteStartObject("pattern");
        writer.WriteString("Regex", pattern);
        writer.WriteEndObject();
        writer.WriteString("behavior", "Isolated");
        writer.WriteBoolean("invert", false);
        writer.WriteEndObject();
        WriteByteLevel(writer, useRegex: false);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteModel(
        Utf8JsonWriter writer, IReadOnlyList<string> vocab, IReadOnlyList<(string Left, string Right)> merges, bool ignoreMerges)
    {
        writer.WriteStartObject("model");
        writer.WriteString("type", "BPE");
        writer.WriteNull("dropout");
        writer.WriteNull("unk_token");
        writer.WriteNull("continuing_subword_prefix");
        writer.WriteNull("end_of_word_suffix");
        writer.WriteBoolean("fuse_unk", false);
        writer.WriteBoolean("byte_fallback", false);
        writer.WriteBoolean("ignore_merges", ignoreMerges);
        writer.WriteStartObject("vocab");
        for (var id = 0; id < vocab.Count; id++)
        {
            writer.WriteNumber(vocab[id], id);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("merges");
        foreach (var (left, right) in merges)
        {
            // "a b" strings: byte-level tokens never contain a space (it is Ġ), and every reader accepts this form.
            writer.WriteStringValue($"{left} {right}");
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
