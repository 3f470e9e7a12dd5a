namespace Trinity.Tokenization.PreTokenizers;

/// <summary>The regular expression of a split pre-tokenizer: finds its non-overlapping matches, leftmost first.</summary>
internal interface ISplitPattern
{
    /// <summary>Appends the (start, length) of every match in <paramref name="text"/>, in order.</summary>
    void FindMatches(ReadOnlySpan<char> text, List<(int Start, int Length)> matches);
}
