using System.Globalization;
using System.Numerics.Tensors;
using System.Text;

namespace Trinity.VectorGpu.Embeddings;

/// <summary>
/// Deterministic, weight-free text embedder: word unigrams, word bigrams and character trigrams are
/// hashed (FNV-1a, signed feature hashing) into a fixed number of buckets and the vector is L2-normalised.
/// Texts that share words and word fragments get high cosine similarity, so retrieval and the answer
/// cache behave sensibly without any model. The same text gives the same vector on every machine.
/// </summary>
public sealed class HashedNgramEmbedder : ITextEmbedder
{
    private const float UnigramWeight = 1.0f;
    private const float BigramWeight = 0.7f;
    private const float TrigramWeight = 0.35f;

    /// <summary>Creates an embedder producing vectors of <paramref name="dimension"/> floats.</summary>
    public HashedNgramEmbedder(int dimension = 384, string name = "trinity-hash-embed")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 65536);
        Dimension = dimension;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int Embed(string text, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"destination has {destination.Length} floats, expected {Dimension}", nameof(destination));
        }

        destination.Clear();
        var words = SplitWords(text);
        for (var i = 0; i < words.Count; i++)
        {
            AddFeature(destination, 'w', words[i], null, UnigramWeight);
            if (i + 1 < words.Count)
            {
                AddFeature(destination, 'b', words[i], words[i + 1], BigramWeight);
            }

            AddTrigrams(destination, words[i]);
        }

        var norm = TensorPrimitives.Norm(destination);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(destination, norm, destination);
        }

        return words.Count;
    }

    /// <summary>Lower-cased runs of letters and digits; every other symbol (emoji, CJK ideographs) is its own word.</summary>
    internal static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in CompatibilityForm(text).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isWordChar = Rune.IsLetterOrDigit(rune) && !IsIdeographic(rune) || category == UnicodeCategory.NonSpacingMark;
            if (isWordChar)
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
                continue;
            }

            Flush(words, current);
            if (!Rune.IsWhiteSpace(rune) && !Rune.IsPunctuation(rune) && !Rune.IsSeparator(rune) || IsIdeographic(rune))
            {
                words.Add(rune.ToString());
            }
        }

        Flush(words, current);
        return words;
    }

    /// <summary>NFKC by ICU; text with a lone surrogate (which ICU refuses) is split as it is, its surrogate becoming
    /// U+FFFD through <see cref="string.EnumerateRunes"/>.</summary>
    private static string CompatibilityForm(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }

    private static bool IsIdeographic(Rune rune) =>
        rune.Value is >= 0x3040 and <= 0x30FF or >= 0x3400 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0x20000 and <= 0x2FFFF;

    private void AddTrigrams(Span<float> destination, string word)
    {
        if (word.Length < 3)
        {
            return;
        }

        var padded = $"<{word}>";
        var count = padded.Length - 2;
        var weight = TrigramWeight / MathF.Sqrt(count);
        for (var i = 0; i < count; i++)
        {
            AddFeature(destination, 't', padded.Substring(i, 3), null, weight);
        }
    }

    private void AddFeature(Span<float> destination, char kind, string first, string? second, float weight)
    {
        var hash = Fnv1a(kind, first, second);
        var bucket = (int)(hash % (ulong)Dimension);
        var sign = (hash >> 63) == 0 ? 1f : -1f;
        destination[bucket] += sign * weight;
    }

    private static ulong Fnv1a(char kind, string first, string? second)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        hash = (hash ^ kind) * prime;
        foreach (var c in first)
        {
            hash = (hash ^ c) * prime;
        }

        if (second is not null)
        {
            hash = (hash ^ 0x1F) * prime;
            foreach (var c in second)
            {
                hash = (hash ^ c) * prime;
            }
        }

        // Final avalanche so that the top bit (the sign) and the low bits (the bucket) are independent.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
