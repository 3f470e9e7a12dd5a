namespace Trinity.Grammar.Patterns;

/// <summary>What a <see cref="PatternNode"/> matches.</summary>
internal enum PatternKind
{
    Set,
    Sequence,
    Alternation,
    Repeat,
}
