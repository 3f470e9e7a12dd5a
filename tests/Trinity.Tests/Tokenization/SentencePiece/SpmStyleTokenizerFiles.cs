using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>Writes SentencePiece-style <c>tokenizer.json</c> / <c>tokenizer_config.json</c> pairs in the layouts
/// Llama 2, Mistral and Phi-3 publish: ids 0–2 <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, then the 256
/// <c>&lt;0xNN&gt;</c> byte pieces, the merged pieces in merge order, the single characters, and last any extra added
/// tokens. The vocabulary is given, or trained on <see cref="SpmStyleCorpus"/> by <see cref="SpmStyleTrainer"/>.</summary>
internal static class SpmStyleTokenizerFiles
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<(List<(string Left, string Right)> Merges, List<string> Characters)>> Trained = new();

    /// <summary>Trains (once per merge count) and renders the two files; <c>VocabSize</c> counts every id, added tokens
    /// included.</summary>
    public static (string TokenizerJson, string TokenizerConfigJson, int VocabSize) Create(SpmStyleOptions options)
    {
        var (merges, characters) = Trained.GetOrAdd(options.MergeCount, count => new(() => SpmStyleTrainer.Train(
            SpmStyleCorpus.Text, count, static c => c is "\n" or "\t" or "\r"))).Value;
        return Create(options, merges, characters);
    }

    /// <summary>Renders the two files for a given vocabulary: the merges (their results become pieces, in order)
    /// and the single characters.</summary>
    public static (string TokenizerJson, string TokenizerConfigJson, int VocabSize) Create(
        SpmStyleOptions options, IReadOnlyList<(string Left, string Right)> merges, IReadOnlyList<string> characters)
    {
        var vocab = new List<string> { "<unk>", "<s>", "</s>" };
        for (var b = 0; b < 256; b++)
        {
            vocab.Add($"<0x{b:X2}>");
        }

        var seen = new HashSet<string>(vocab, StringComparer.Ordinal);
        foreach (var piece in merges.Select(m => m.Left + m.Right).Concat(characters))
        {
            if (seen.Add(piece))
            {
                vocab.Add(piece);
            }
        }

        var added = new List<(int Id, string Content, bool Special, bool RightStrip)>
        {
            (0, "<unk>", true, false), (1, "<s>", true, false), (2, "</s>", true, false),
        };
        foreach (var (content, special, rightStrip) in options.ExtraTokens)
        {
            added.Add((vocab.Count + added.Count - 3, content, special, rightStrip));
        }

        var tokenizer = Render(writer => WriteTokenizer(writer, options, vocab, merges, added));
        var config = Render(writer => WriteConfig(writer, options, added));
        return (tokenizer, config, vocab.Count + added.Count - 3);
    }

    /// <summary>Writes both files into <paramref name="folder"/> and returns the vocabulary size.</summary>
    public static int WriteTo(string folder, SpmStyleOptions options)
    {
        var (tokenizer, config, vocabSize) = Create(options);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizer);
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config);
        return vocabSize;
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTokenizer(
        Utf8JsonWriter w, SpmStyleOptions options, List<string> vocab, IReadOnlyList<(string Left, string Right)> merges,
        List<(int Id, string Content, bool Special, bool RightStrip)> added)
    {
        w.WriteStartObject();
        w.WriteString("version", "1.0");
        w.WriteNull("truncation");
        w.WriteNull("padding");
        w.WriteStartArray("added_tokens");
        foreach (var (id, content, special, rightStrip) in added)
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("content", content);
            w.WriteBoolean("single_word", false);
            w.WriteBoolean("lstrip", false);
            w.WriteBoolean("rstrip", rightStrip);
            w.WriteBoolean("normalized", options.NormalizedTokens.Contains(content));
            w.WriteBoolean("special", special);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (options.NormalizerForm)
        {
            w.WriteStartObject("normalizer");
            w.WriteString("type", "Sequence");
            w.WriteStartArray("normalizers");
            w.WriteStartObject();
            w.WriteString("type", "Prepend");
            w.WriteString("prepend", "▁");
            w.WriteEndObject();
            WriteReplace(w, " ", "▁");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNull("pre_tokenizer");
        }
        else
        {
            w.WriteNull("normalizer");
            w.WritePropertyName("pre_tokenizer");
            WriteMetaspace(w, options);
        }

        WritePostProcessor(w, options);
        WriteDecoder(w, options);
        WriteModel(w, options, vocab, merges);
        w.WriteEndObject();
    }

    private static void WriteMetaspace(Utf8JsonWriter w, SpmStyleOptions options)
    {
        w.WriteStartObject();
        w.WriteString("type", "Metaspace");
        w.WriteString("replacement", "▁");
        if (options.LegacyMetaspaceFields)
        {
            w.WriteBoolean("add_prefix_space", options.PrependScheme != "never");
        }
        else
        {
            w.WriteString("prepend_scheme", options.PrependScheme);
            w.WriteBoolean("split", options.Split);
        }

        w.WriteEndObject();
    }

    private static void WriteReplace(Utf8JsonWriter w, string pattern, string content)
    {
        w.WriteStartObject();
        w.WriteString("type", "Replace");
        w.WriteStartObject("pattern");
        w.WriteString("String", pattern);
        w.WriteEndObject();
        w.WriteString("content", content);
        w.WriteEndObject();
    }

    private static void WritePostProcessor(Utf8JsonWriter w, SpmStyleOptions options)
    {
        if (!options.PostProcessorBos)
        {
            w.WriteNull("post_processor");
            return;
        }

        w.WriteStartObject("post_processor");
        w.WriteString("type", "TemplateProcessing");
        foreach (var (name, sequences) in new[] { ("single", new[] { "A" }), ("pair", new[] { "A", "B" }) })
        {
            w.WriteStartArray(name);
            foreach (var sequence in sequences)
            {
                w.WriteStartObject();
                w.WriteStartObject("SpecialToken");
                w.WriteString("id", "<s>");
                w.WriteNumber("type_id", 0);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteStartObject("Sequence");
                w.WriteString("id", sequence);
                w.WriteNumber("type_id", sequence == "A" ? 0 : 1);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("special_tokens");
        w.WriteStartObject("<s>");
        w.WriteString("id", "<s>");
        w.WriteStartArray("ids");
        w.WriteNumberValue(1);
        w.WriteEndArray();
        w.WriteStartArray("tokens");
        w.WriteStringValue("<s>");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteDecoder(Utf8JsonWriter w, SpmStyleOptions options)
    {
        w.WritePropertyName("decoder");
        if (!options.ReplaceDecoder)
        {
            WriteMetaspace(w, options);
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", "Sequence");
        w.WriteStartArray("decoders");
        WriteReplace(w, "▁", " ");
        w.WriteStartObject();
        w.WriteString("type", "ByteFallback");
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("type", "Fuse");
        w.WriteEndObject();
        if (options.NormalizerForm || options.PrependScheme != "never")
        {
            w.WriteStartObject();
            w.WriteString("type", "Strip");
            w.WriteString("content", " ");
            w.WriteNumber("start", 1);
            w.WriteNumber("stop", 0);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter w, SpmStyleOptions options, List<string> vocab, IReadOnlyList<(string Left, string Right)> merges)
    {
        w.WriteStartObject("model");
        w.WriteString("type", "BPE");
        w.WriteNull("dropout");
        w.WriteString("unk_token", "<unk>");
        w.WriteNull("continuing_subword_prefix");
        w.WriteNull("end_of_word_suffix");
        w.WriteBoolean("fuse_unk", options.FuseUnk);
        w.WriteBoolean("byte_fallback", options.ByteFallback);
        w.WriteBoolean("ignore_merges", false);
        w.WriteStartObject("vocab");
        for (var id = 0; id < vocab.Count; id++)
        {
            w.WriteNumber(vocab[id], id);
        }

        w.WriteEndObject();
        w.WriteStartArray("merges");
        foreach (var (left, right) in merges)
        {
            if (options.MergesAsPairs)
            {
                w.WriteStartArray();
                w.WriteStringValue(left);
                w.WriteStringValue(right);
                w.WriteEndArray();
            }
            else
            {
                w.WriteStringValue($"{left} {right}");
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter w, SpmStyleOptions options, List<(int Id, string Content, bool Special, bool RightStrip)> added)
    {
        w.WriteStartObject();
        if (options.AddBosToken is { } addBos)
        {
            w.WriteBoolean("add_bos_token", addBos);
        }

        w.WriteBoolean("add_eos_token", false);
        w.WriteStartObject("added_tokens_decoder");
        foreach (var (id, content, special, rightStrip) in added)
        {
            w.WriteStartObject(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("content", content);
            w.WriteBoolean("lstrip", false);
            w.WriteBoolean("normalized", options.NormalizedTokens.Contains(content));
            w.WriteBoolean("rstrip", rightStrip);
            w.WriteBoolean("single_word", false);
            w.WriteBoolean("special", special);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteString("bos_token", "<s>");
        w.WriteBoolean("clean_up_tokenization_spaces", false);
        w.WriteString("eos_token", "</s>");
        w.WriteBoolean("legacy", options.NormalizerForm);
        w.WriteNumber("model_max_length", 4096);
        w.WriteNull("pad_token");
        w.WriteString("tokenizer_class", options.TokenizerClass);
        w.WriteString("unk_token", "<unk>");
        w.WriteEndObject();
    }
}
