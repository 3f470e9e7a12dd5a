using Trinity.Tokenization.PreTokenizers;

namespace Trinity.Tests.Tokenization.PreTokenizers;

/// <summary>Split behaviours as Hugging Face documents them, Digits, and the .NET Regex fallback.</summary>
public sealed class PreTokenizerTests
{
    [Theory]
    [InlineData("Removed", new[] { "the", "final", "countdown" })]
    [InlineData("Isolated", new[] { "the", "-", "final", "-", "-", "countdown" })]
    [InlineData("MergedWithPrevious", new[] { "the-", "final-", "-", "countdown" })]
    [InlineData("MergedWithNext", new[] { "the", "-final", "-", "-countdown" })]
    [InlineData("Contiguous", new[] { "the", "-", "final", "--", "countdown" })]
    public void Split_LiteralDelimiter_FollowsBehavior(string behavior, string[] expected) =>
        Assert.Equal(expected, Pieces(new SplitPreTokenizer(new LiteralSplitPattern("-"), Enum.Parse<SplitBehavior>(behavior), invert: false), "the-final--countdown"));

    [Fact]
    public void Split_Inverted_KeepsMatchesAndDropsTheRest() =>
        Assert.Equal(["abc", "de"], Pieces(new SplitPreTokenizer(new RegexSplitPattern("[a-z]+"), SplitBehavior.Removed, invert: true), "abc, de!"));

    [Theory]
    [InlineData(true, new[] { "a", "1", "2", "3", "b" })]
    [InlineData(false, new[] { "a", "123", "b" })]
    public void Digits_IndividualOrRuns_SplitsAsciiDigits(bool individual, string[] expected) =>
        Assert.Equal(expected, Pieces(new DigitsPreTokenizer(individual), "a123b"));

    [Fact]
    public void SplitPatternFactory_KnownPatterns_UseCodePointMatchers()
    {
        Assert.IsType<Gpt2SplitPattern>(SplitPatternFactory.FromRegex(Gpt2SplitPattern.Pattern));
        Assert.IsType<Cl100kSplitPattern>(SplitPatternFactory.FromRegex(Cl100kSplitPattern.Pattern));
        Assert.IsType<Cl100kSplitPattern>(SplitPatternFactory.FromRegex(Cl100kSplitPattern.SingleDigitPattern));
        Assert.IsType<O200kSplitPattern>(SplitPatternFactory.FromRegex(O200kSplitPattern.Pattern));
        Assert.IsType<RegexSplitPattern>(SplitPatternFactory.FromRegex(@"\w+|[^\w\s]+"));
    }

    [Theory]
    [InlineData("x𝐀y 𠀀 z", new[] { "x𝐀y", " 𠀀", " z" })]
    [InlineData("Hello   world\r\n\r\n  ok", new[] { "Hello", "  ", " world", "\r\n\r\n", " ", " ok" })]
    [InlineData("1234567 I'M", new[] { "123", "456", "7", " I", "'M" })]
    public void Cl100kPattern_SupplementaryLettersWhiteSpaceAndDigits_SplitsLikeTheRegex(string text, string[] expected) =>
        Assert.Equal(expected, Pieces(new SplitPreTokenizer(SplitPatternFactory.FromRegex(Cl100kSplitPattern.Pattern), SplitBehavior.Isolated, invert: false), text));

    private static string[] Pieces(IPreTokenizer preTokenizer, string text)
    {
        var pieces = new List<ReadOnlyMemory<char>>();
        preTokenizer.Split(text.AsMemory(), pieces);
        return pieces.Select(p => p.ToString()).ToArray();
    }
}
