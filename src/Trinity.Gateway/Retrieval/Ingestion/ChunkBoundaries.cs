using System.Globalization;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>The places a text may be cut, one per token boundary, with how good a place each is: the end of a
/// paragraph beats the end of a sentence, which beats a line break, which beats a space, which beats the middle of a
/// word; the middle of a grapheme (an emoji sequence, a letter and its accents) is the worst.</summary>
internal sealed class ChunkBoundaries
{
    public const int Edge = 5;
    public const int Paragraph = 4;
    public const int Sentence = 3;
    public const int Line = 2;
    public const int Word = 1;
    public const int InsideWord = 0;
    public const int InsideGrapheme = -1;

    private readonly string _text;
    private readonly int[] _offsets;
    private readonly bool[] _graphemeStarts;

    public ChunkBoundaries(string text, int[] offsets)
    {
        _text = text;
        _offsets = offsets;
        _graphemeStarts = new bool[text.Length + 1];
        for (var i = 0; i < text.Length; i += StringInfo.GetNextTextElementLength(text.AsSpan(i)))
        {
            _graphemeStarts[i] = true;
        }

        _graphemeStarts[text.Length] = true;
    }

    /// <summary>Number of tokens (boundaries are 0 to <see cref="Tokens"/>).</summary>
    public int Tokens => _offsets.Length - 1;

    public int TextLength => _text.Length;

    /// <summary>Character offset of token boundary <paramref name="token"/>.</summary>
    public int Offset(int token) => _offsets[token];

    /// <summary>How good a cut at token boundary <paramref name="token"/> is (higher is better).</summary>
    public int Score(int token)
    {
        var c = _offsets[token];
        if (c <= 0 || c >= _text.Length)
        {
            return Edge;
        }

        if (!_graphemeStarts[c])
        {
            return InsideGrapheme;
        }

        var previous = _text[c - 1];
        var next = _text[c];
        if (previous == '\n')
        {
            return EndsWithBlankLine(c - 1) ? Paragraph : Line;
        }

        if (previous is '。' or '！' or '？' || (previous is '.' or '!' or '?' && char.IsWhiteSpace(next)))
        {
            return Sentence;
        }

        if (next is '\n' or '\r')
        {
            return Line;
        }

        return char.IsWhiteSpace(previous) || char.IsWhiteSpace(next) ? Word : InsideWord;
    }

    /// <summary>Whether the line break at <paramref name="newline"/> follows another one (an empty line).</summary>
    private bool EndsWithBlankLine(int newline)
    {
        var i = newline - 1;
        if (i >= 0 && _text[i] == '\r')
        {
            i--;
        }

        return i >= 0 && _text[i] == '\n';
    }
}
