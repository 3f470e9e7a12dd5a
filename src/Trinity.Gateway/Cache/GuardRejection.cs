namespace Trinity.Gateway.Cache;

/// <summary>Why the guard refused to let one prompt take another's answer.</summary>
internal enum GuardRejection
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>A differing word negates (<c>not</c>, <c>never</c>, <c>without</c>, a <c>n't</c> form...).</summary>
    Negation,

    /// <summary>A differing word is a number (digits or a number word).</summary>
    Number,

    /// <summary>A differing word is written like a name.</summary>
    Name,

    /// <summary>A differing word is one side of an antonym pair, or one differing word negates another by prefix.</summary>
    Antonym,

    /// <summary>A differing word is a question word (<c>how</c> / <c>why</c>).</summary>
    QuestionWord,

    /// <summary>A differing word carries content (it is not a function word): another subject, object or action
    /// (<c>bake bread</c> / <c>bake a cake</c>, <c>boiling point</c> / <c>freezing point</c>).</summary>
    ContentWord,

    /// <summary>Too large a share of the words differ.</summary>
    TooDifferent,

    /// <summary>The shared words come in another order (<c>USD to EUR</c> / <c>EUR to USD</c>).</summary>
    Reordered,

    /// <summary>A prompt has no words, or too many to compare.</summary>
    Unsupported,
}
