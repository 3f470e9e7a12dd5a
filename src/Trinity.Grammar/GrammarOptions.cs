namespace Trinity.Grammar;

/// <summary>Choices the JSON grammar makes where JSON itself leaves freedom (docs/STRUCTURED_OUTPUTS.md).</summary>
public sealed record GrammarOptions
{
    /// <summary>The default: at most one whitespace byte between JSON tokens, which allows the
    /// <c>{"a": 1, "b": 2}</c> style models emit most often without letting a model pad output forever.</summary>
    public static readonly GrammarOptions Default = new();

    /// <summary>Longest run of whitespace bytes (space, tab, line feed, carriage return) allowed between JSON
    /// tokens: after <c>{ [ , :</c> and before <c>} ] , :</c>. 0 is compact JSON; 0 to 64.</summary>
    public int MaxWhitespace { get; init; } = 1;

    /// <summary>Digits allowed after the decimal point of a <c>number</c>.</summary>
    public int MaxFractionDigits { get; init; } = 15;

    /// <summary>Integer-part digits of a <c>number</c> with no maximum (or minimum, for negative values).</summary>
    public int MaxIntegerDigits { get; init; } = 15;
}
