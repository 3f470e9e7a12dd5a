namespace Trinity.Grammar.Patterns;

/// <summary>A node of a parsed pattern: one character from a set, a sequence, an alternation, or a bounded repeat
/// of its single child (<see cref="Max"/> null is unbounded).</summary>
internal sealed record PatternNode(PatternKind Kind, CodePointSet? Set, IReadOnlyList<PatternNode> Children, int Min = 1, int? Max = 1)
{
    public static PatternNode Chars(CodePointSet set) => new(PatternKind.Set, set, []);

    public static PatternNode Sequence(IReadOnlyList<PatternNode> children) => new(PatternKind.Sequence, null, children);

    public static PatternNode Alternation(IReadOnlyList<PatternNode> children) => new(PatternKind.Alternation, null, children);

    public static PatternNode Repeat(PatternNode child, int min, int? max) => new(PatternKind.Repeat, null, [child], min, max);
}
