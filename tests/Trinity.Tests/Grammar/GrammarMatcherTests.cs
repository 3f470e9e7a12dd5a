using System.Text;
using Trinity.Grammar.Matching;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Tests.Grammar;

public sealed class GrammarMatcherTests
{
    private const string Person = """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0,"maximum":150}},"required":["name","age"],"additionalProperties":false}""";

    /// <summary>GPT-2 spelled tokens: single characters plus boundary-spanning ones; 0 is EOS, 1 a chat marker.</summary>
    private static readonly string[] ByteLevelTokens =
    [
        "<|endoftext|>", "<|im_start|>", "{", "}", "\"", ":", ",", "Ġ", "a", "b", "n", "e", "m", "g", "1", "2", "0",
        "{\"", "\",", "\"}", "\":", "\":\"", "ĠĠ", "name", "age", "Ġ\"", "\":Ġ", "12", "}Ċ", ",Ġ\"", "Ċ", "Ġ{", "1}",
    ];

    private static TokenVocabulary ByteLevel() => TokenVocabulary.FromTokenStrings(ByteLevelTokens, VocabularyKind.ByteLevel, [1], [0]);

    private static int Id(string token) => Array.IndexOf(ByteLevelTokens, token);

    private static HashSet<int> Allowed(GrammarMatcher matcher, TokenVocabulary vocabulary)
    {
        var mask = new uint[vocabulary.MaskWords];
        matcher.FillNextTokenMask(mask);
        return Enumerable.Range(0, vocabulary.Count).Where(id => (mask[id >> 5] & (1u << (id & 31))) != 0).ToHashSet();
    }

    [Fact]
    public void FillNextTokenMask_AtStart_AllowsOnlyTokensOpeningTheObject()
    {
        var vocabulary = ByteLevel();
        var matcher = CompiledGrammar.FromJsonSchema(Person, vocabulary).CreateMatcher();
        Assert.Equal(new HashSet<int> { Id("{"), Id("{\"") }, Allowed(matcher, vocabulary));
    }

    [Fact]
    public void Accept_BoundarySpanningTokens_ReachTheEndThenOnlyEos()
    {
        var vocabulary = ByteLevel();
        var matcher = CompiledGrammar.FromJsonSchema(Person, vocabulary).CreateMatcher();
        foreach (var token in new[] { "{\"", "name", "\":\"", "b", "\",", "\"", "age", "\":Ġ", "12", "}" })
        {
            Assert.Contains(Id(token), Allowed(matcher, vocabulary));
            Assert.False(matcher.CanEnd);
            Assert.True(matcher.Accept(Id(token)), token);
        }

        Assert.True(matcher.CanEnd);
        Assert.True(matcher.IsCompleted);
        Assert.Equal(new HashSet<int> { 0 }, Allowed(matcher, vocabulary));
        Assert.True(matcher.Accept(0));
        Assert.True(matcher.IsTerminated);
        Assert.Empty(Allowed(matcher, vocabulary));
    }

    [Fact]
    public void Accept_DisallowedToken_ReturnsFalseAndKeepsState()
    {
        var vocabulary = ByteLevel();
        var matcher = CompiledGrammar.FromJsonSchema(Person, vocabulary).CreateMatcher();
        Assert.True(matcher.Accept(Id("{\"")));
        Assert.False(matcher.Accept(Id("age")));
        Assert.False(matcher.Accept(0));
        Assert.False(matcher.Accept(1));
        Assert.True(matcher.Accept(Id("name")));
    }

    [Fact]
    public void FillNextTokenMask_NumberThatMayContinue_AllowsDigitsCloseAndEos()
    {
        var vocabulary = ByteLevel();
        var matcher = CompiledGrammar.FromJsonSchema("""{"type":"integer","minimum":0,"maximum":150}""", vocabulary).CreateMatcher();
        Assert.True(matcher.Accept(Id("1")));
        var allowed = Allowed(matcher, vocabulary);
        Assert.Contains(0, allowed);
        Assert.Contains(Id("2"), allowed);
        Assert.Contains(Id("12"), allowed);
        Assert.DoesNotContain(Id("}"), allowed);
        Assert.True(matcher.Accept(Id("12")));
        Assert.Equal(new HashSet<int> { 0 }, Allowed(matcher, vocabulary));
    }

    [Fact]
    public void FillNextTokenMask_RecursiveGrammar_TokensPoppingSeveralRulesAllowed()
    {
        var vocabulary = ByteLevel();
        var matcher = CompiledGrammar.ForJsonObject(vocabulary).CreateMatcher();
        foreach (var token in new[] { "{\"", "a", "\":", "{\"", "b", "\":", "1" })
        {
            Assert.True(matcher.Accept(Id(token)), token);
        }

        var allowed = Allowed(matcher, vocabulary);
        Assert.Contains(Id("1}"), allowed);
        Assert.Contains(Id("}"), allowed);
        Assert.DoesNotContain(0, allowed);
        Assert.True(matcher.Accept(Id("1}")));
        Assert.True(matcher.Accept(Id("}")));
        Assert.True(matcher.CanEnd);
    }

    [Fact]
    public void Reset_AfterTermination_StartsOver()
    {
        var vocabulary = ByteLevel();
        var matcher = CompiledGrammar.FromJsonSchema("""{"enum":["ab"]}""", vocabulary).CreateMatcher();
        Assert.True(matcher.Accept(Id("\"")) && matcher.Accept(Id("a")) && matcher.Accept(Id("b")) && matcher.Accept(Id("\"")) && matcher.Accept(0));
        matcher.Reset();
        Assert.False(matcher.IsTerminated);
        Assert.Equal(new HashSet<int> { Id("\"") }, Allowed(matcher, vocabulary));
    }

    [Fact]
    public void SentencePiece_SpaceAndByteFallbackTokens_MatchTheirBytes()
    {
        // <unk>, <s>, </s> are control tokens; ▁ is a space; <0x22> is the quote byte.
        string[] pieces = ["<unk>", "<s>", "</s>", "<0x22>", "▁", "a", "▁b", "b\"", "▁a", "<0xC3>", "<0xA9>", "é"];
        var vocabulary = TokenVocabulary.FromTokenStrings(pieces, VocabularyKind.SentencePiece, [0, 1], [2]);
        Assert.Equal(" b"u8.ToArray(), vocabulary.BytesOf(6).ToArray());
        var grammar = CompiledGrammar.FromJsonSchema("""{"enum":["a b","a é"]}""", vocabulary);
        var matcher = grammar.CreateMatcher();
        Assert.Equal(new HashSet<int> { 3 }, Allowed(matcher, vocabulary));
        Assert.True(matcher.Accept(3) && matcher.Accept(5));
        Assert.Equal(new HashSet<int> { 4, 6 }, Allowed(matcher, vocabulary));
        Assert.True(matcher.Accept(4));
        Assert.Equal(new HashSet<int> { 7, 9, 11 }, Allowed(matcher, vocabulary));
        Assert.True(matcher.Accept(9) && matcher.Accept(10) && matcher.Accept(3));
        Assert.Equal(new HashSet<int> { 2 }, Allowed(matcher, vocabulary));
    }

    [Fact]
    public void ByteLevel_GptAlphabet_DecodesSpaceAndNewline()
    {
        var vocabulary = ByteLevel();
        Assert.Equal(" \""u8.ToArray(), vocabulary.BytesOf(Id("Ġ\"")).ToArray());
        Assert.Equal("}\n"u8.ToArray(), vocabulary.BytesOf(Id("}Ċ")).ToArray());
        Assert.True(vocabulary.IsSpecial(0) && vocabulary.IsSpecial(1));
        Assert.Equal("ab"u8.ToArray(), Encoding.UTF8.GetBytes("ab"));
    }

    [Fact]
    public void GrammarCache_SameSchemaAndVocabulary_ReturnsSameInstance()
    {
        var vocabulary = ByteLevel();
        var cache = new GrammarCache();
        var results = new CompiledGrammar[8];
        Parallel.For(0, results.Length, i => results[i] = cache.JsonSchema(Person, vocabulary));
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.NotSame(results[0], cache.JsonSchema(Person, ByteLevel()));
        Assert.Same(cache.JsonObject(vocabulary), cache.JsonObject(vocabulary));
    }
}
