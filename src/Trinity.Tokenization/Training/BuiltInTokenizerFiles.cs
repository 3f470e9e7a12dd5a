using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Trinity.Tokenization.PreTokenizers;

namespace Trinity.Tokenization.Training;

/// <summary>The tokenizer of the built-in model: byte-level BPE with the Llama 3 split pattern, trained on an
/// embedded English corpus, with ChatML special tokens and chat template. Identical arguments give byte-identical
/// files. Ids: 0–255 bytes, then learned merges, then (if the corpus runs out of merges) <c>&lt;|reserved_N|&gt;</c>
/// fillers, and last <c>&lt;|endoftext|&gt;</c>, <c>&lt;|im_start|&gt;</c>, <c>&lt;|im_end|&gt;</c>.</summary>
public static class BuiltInTokenizerFiles
{
    /// <summary>Vocabulary size of the default built-in model.</summary>
    public const int DefaultVocabSize = 1024;

    /// <summary>Smallest vocabulary: the 256 bytes and the three special tokens.</summary>
    public const int MinVocabSize = 256 + 3;

    /// <summary>Largest vocabulary accepted.</summary>
    public const int MaxVocabSize = 262_144;

    public const string EndOfText = "<|endoftext|>";
    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";

    /// <summary>The ChatML template (the form Qwen and many fine-tunes publish).</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Trains the tokenizer and renders its two files.</summary>
    /// <param name="vocabSize">Total number of ids, special tokens included (the model's embedding rows).</param>
    /// <param name="modelMaxLength">The <c>model_max_length</c> written to tokenizer_config.json.</param>
    public static TokenizerFiles Create(int vocabSize = DefaultVocabSize, int modelMaxLength = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, MinVocabSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vocabSize, MaxVocabSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(modelMaxLength, 1);

        var preTokenizer = new SequencePreTokenizer(
        [
            new SplitPreTokenizer(SplitPatternFactory.FromRegex(Cl100kSplitPattern.Pattern), SplitBehavior.Isolated, invert: false),
            new ByteLevelPreTokenizer(addPrefixSpace: false, useRegex: false),
        ]);
        var trained = BpeTrainer.Train(LoadCorpus(), preTokenizer, vocabSize - MinVocabSize);

        var added = new List<string>();
        for (var i = trained.Vocab.Count + 3; i < vocabSize; i++)
        {
            added.Add($"<|reserved_{added.Count}|>");
        }

        added.AddRange([EndOfText, ImStart, ImEnd]);
        var addedWithIds = added.Select((content, i) => (trained.Vocab.Count + i, content)).ToList();
        var tokenizerJson = TokenizerJsonWriter.Write(trained.Vocab, trained.Merges, addedWithIds, WritePreTokenizer);
        return new TokenizerFiles(tokenizerJson, WriteConfig(trained.Vocab.Count, added, modelMaxLength))
        {
            EndOfTextId = vocabSize - 3,
            ImStartId = vocabSize - 2,
            ImEndId = vocabSize - 1,
        };
    }

    private static void WritePreTokenizer(Utf8JsonWriter writer) => TokenizerJsonWriter.WriteSplitThenByteLevel(writer, Cl100kSplitPattern.Pattern);

    private static string WriteConfig(int firstAddedId, List<string> added, int modelMaxLength)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("add_bos_token", false);
            writer.WriteBoolean("add_eos_token", false);
            writer.WriteStartObject("added_tokens_decoder");
            for (var i = 0; i < added.Count; i++)
            {
                writer.WriteStartObject((firstAddedId + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("content", added[i]);
                writer.WriteBoolean("lstrip", false);
                writer.WriteBoolean("normalized", false);
                writer.WriteBoolean("rstrip", false);
                writer.WriteBoolean("single_word", false);
                writer.WriteBoolean("special", true);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteString("bos_token", EndOfText);
            writer.WriteString("chat_template", ChatTemplate);
            writer.WriteBoolean("clean_up_tokenization_spaces", false);
            writer.WriteString("eos_token", EndOfText);
            writer.WriteNumber("model_max_length", modelMaxLength);
            writer.WriteString("pad_token", EndOfText);
            writer.WriteString("tokenizer_class", "GPT2Tokenizer");
            writer.WriteNull("unk_token");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string LoadCorpus()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(CorpusResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {CorpusResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    private const string CorpusResourceName = "Trinity.Tokenization.Training.TrainingCorpus.txt";
}
