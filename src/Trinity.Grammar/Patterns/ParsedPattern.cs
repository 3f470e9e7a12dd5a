namespace Trinity.Grammar.Patterns;

/// <summary>A pattern's tree and whether it was anchored: an unanchored side may be padded with any characters,
/// since JSON Schema's <c>pattern</c> searches rather than matches.</summary>
internal sealed record ParsedPattern(PatternNode Root, bool AnchoredStart, bool AnchoredEnd);
