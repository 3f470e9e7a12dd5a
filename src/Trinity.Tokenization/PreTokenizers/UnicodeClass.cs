using System.Globalization;
using System.Text;

namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Code-point classification for the hand-written split patterns. .NET's <c>\p{L}</c> looks at UTF-16
/// code units, so a letter outside the BMP (𝐀, 𠀀) is not a letter to <c>Regex</c>; these helpers decode whole
/// runes so that the classes mean what they mean in the Rust and JavaScript regexes the patterns come from.</summary>
internal static class UnicodeClass
{
    /// <summary>Decodes the rune at <paramref name="index"/>; a lone surrogate reads as U+FFFD of length 1.</summary>
    public static Rune RuneAt(ReadOnlySpan<char> text, int index, out int length)
    {
        var c = text[index];
        if (!char.IsSurrogate(c))
        {
            length = 1;
            return new Rune(c);
        }

        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return new Rune(c, text[index + 1]);
        }

        length = 1;
        return Rune.ReplacementChar;
    }

    /// <summary>Start of the rune that ends just before <paramref name="index"/>.</summary>
    public static int PreviousRuneStart(ReadOnlySpan<char> text, int index)
    {
        if (index >= 2 && char.IsLowSurrogate(text[index - 1]) && char.IsHighSurrogate(text[index - 2]))
        {
            return index - 2;
        }

        return index - 1;
    }

    /// <summary><c>\p{L}</c>.</summary>
    public static bool IsLetter(Rune r) => Rune.IsLetter(r);

    /// <summary><c>\p{N}</c>: decimal digits, letter numbers (Ⅻ) and other numbers (½, ²).</summary>
    public static bool IsNumber(Rune r) => Rune.IsNumber(r);

    /// <summary><c>\s</c>: the Unicode White_Space property.</summary>
    public static bool IsWhiteSpace(Rune r) => Rune.IsWhiteSpace(r);

    /// <summary><c>[^\s\p{L}\p{N}]</c>: punctuation, symbols, marks, controls, emoji.</summary>
    public static bool IsOther(Rune r) => !Rune.IsWhiteSpace(r) && !Rune.IsLetter(r) && !Rune.IsNumber(r);

    /// <summary><c>[^\r\n\p{L}\p{N}]</c>: the optional one-character prefix of a word.</summary>
    public static bool IsWordPrefix(Rune r) => r.Value != '\r' && r.Value != '\n' && !Rune.IsLetter(r) && !Rune.IsNumber(r);

    /// <summary><c>[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]</c> (o200k's upper-case side).</summary>
    public static bool IsUpperSide(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };

    /// <summary><c>[\p{Ll}\p{Lm}\p{Lo}\p{M}]</c> (o200k's lower-case side).</summary>
    public static bool IsLowerSide(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.LowercaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };

    /// <summary>End of the run of runes from <paramref name="start"/> that satisfy <paramref name="predicate"/>.</summary>
    public static int RunEnd(ReadOnlySpan<char> text, int start, Func<Rune, bool> predicate)
    {
        var i = start;
        while (i < text.Length)
        {
            var r = RuneAt(text, i, out var length);
            if (!predicate(r))
            {
                break;
            }

            i += length;
        }

        return i;
    }

    /// <summary>Length of the contraction (<c>'s 't 're 've 'm 'll 'd</c>) at <paramref name="index"/>, or 0.
    /// Case-insensitive matching follows Unicode simple case folding, where <c>s</c> also matches <c>ſ</c> (U+017F).</summary>
    public static int ContractionLength(ReadOnlySpan<char> text, int index, bool ignoreCase)
    {
        if (index + 1 >= text.Length || text[index] != '\'')
        {
            return 0;
        }

        var a = Fold(text[index + 1], ignoreCase);
        var b = index + 2 < text.Length ? Fold(text[index + 2], ignoreCase) : '\0';
        return (a, b) switch
        {
            ('s', _) or ('t', _) or ('m', _) or ('d', _) => 2,
            ('r', 'e') or ('v', 'e') or ('l', 'l') => 3,
            _ => 0,
        };
    }

    private static char Fold(char c, bool ignoreCase)
    {
        if (!ignoreCase)
        {
            return c;
        }

        return c switch
        {
            >= 'A' and <= 'Z' => (char)(c + 32),
            '\u017F' => 's',
            _ => c,
        };
    }
}
