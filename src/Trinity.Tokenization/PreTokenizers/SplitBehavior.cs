namespace Trinity.Tokenization.PreTokenizers;

/// <summary>What a split does with the matched text (Hugging Face's <c>SplitDelimiterBehavior</c>).</summary>
internal enum SplitBehavior
{
    /// <summary>Matches are dropped.</summary>
    Removed,

    /// <summary>Matches and the text between them are separate pieces.</summary>
    Isolated,

    /// <summary>A match joins the piece before it.</summary>
    MergedWithPrevious,

    /// <summary>A match joins the piece after it.</summary>
    MergedWithNext,

    /// <summary>Consecutive matches form one piece.</summary>
    Contiguous,
}
