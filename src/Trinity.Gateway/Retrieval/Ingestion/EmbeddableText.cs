using System.Globalization;
using System.Text;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Whether a text gives the embedder anything to embed: a letter, a digit or a symbol. The pool refuses a
/// point whose text is only whitespace and punctuation (its vector would be all zeros), so such chunks (a Markdown
/// rule, a run of blank lines) are left out rather than failing the whole write.</summary>
internal static class EmbeddableText
{
    public static bool HasContent(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                return true;
            }

            if (!Rune.IsWhiteSpace(rune) && !Rune.IsPunctuation(rune) && !Rune.IsSeparator(rune))
            {
                return true;
            }
        }

        return false;
    }
}
