using Trinity.Grammar;

namespace Trinity.Tests.Grammar;

public sealed class JsonSchemaCompilerTests
{
    private static void Check(string schema, string[] accepted, string[] rejected)
    {
        var automaton = ByteGrammar.Compile(schema);
        foreach (var text in accepted)
        {
            Assert.True(ByteGrammar.Accepts(automaton, text), $"should accept {text}");
        }

        foreach (var text in rejected)
        {
            Assert.False(ByteGrammar.Accepts(automaton, text), $"should reject {text}");
        }
    }

    [Fact]
    public void Type_Primitives_AcceptOnlyTheirType() =>
        Check("""{"type":["boolean","null"]}""", ["true", "false", "null"], ["1", "\"x\"", "nul", "truefalse"]);

    [Fact]
    public void Type_String_AcceptsEscapesAndUtf8() =>
        Check("""{"type":"string"}""", ["\"\"", "\"a\\\"b\"", "\"caf\u00e9\"", "\"\\u00e9\"", "\"\\n\""], ["\"a", "\"\\x\"", "\"\\ud800\"", "\"a\nb\""]);

    [Fact]
    public void Properties_RequiredAndOptional_EmittedInSchemaOrder() =>
        Check(
            """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"},"c":{"type":"boolean"}},"required":["b"],"additionalProperties":false}""",
            ["{\"b\":\"x\"}", "{\"a\":1,\"b\":\"x\"}", "{\"a\":1,\"b\":\"x\",\"c\":true}", "{\"b\":\"x\",\"c\":false}", "{ \"a\": 1, \"b\": \"x\" }"],
            ["{}", "{\"a\":1}", "{\"b\":\"x\",\"a\":1}", "{\"b\":\"x\",}", "{\"b\":\"x\",\"d\":1}", "{\"a\":1 ,\"b\":\"x\"}  "]);

    [Fact]
    public void AdditionalProperties_Schema_AllowsOtherKeysWithThatSchema() =>
        Check(
            """{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}""",
            ["{}", "{\"a\":1,\"x\":true}", "{\"x\":true,\"y\":false}"],
            ["{\"x\":1}", "{\"a\":1,\"a\":2}", "{\"a\":true}"]);

    [Fact]
    public void AdditionalProperties_Absent_EmitsNoExtraKeys() =>
        Check("""{"type":"object","properties":{"a":{"type":"integer"}}}""", ["{}", "{\"a\":3}"], ["{\"b\":3}"]);

    [Fact]
    public void EnumAndConst_AcceptOnlyListedValues()
    {
        Check("""{"enum":["red","green",3,null,{"k":[1]}]}""", ["\"red\"", "\"green\"", "3", "null", "{\"k\":[1]}"], ["\"blue\"", "4", "\"red"]);
        Check("""{"const":"only"}""", ["\"only\""], ["\"other\""]);
    }

    [Fact]
    public void AnyOf_AcceptsEitherBranch() =>
        Check("""{"anyOf":[{"type":"integer","maximum":3},{"type":"string","maxLength":1}]}""", ["3", "\"a\"", "-7"], ["4", "\"ab\""]);

    [Fact]
    public void OneOf_Disjoint_AcceptsEitherBranch() =>
        Check(
            """{"oneOf":[{"type":"object","properties":{"kind":{"const":"a"},"x":{"type":"integer"}},"required":["kind","x"],"additionalProperties":false},{"type":"object","properties":{"kind":{"const":"b"}},"required":["kind"],"additionalProperties":false}]}""",
            ["{\"kind\":\"a\",\"x\":1}", "{\"kind\":\"b\"}"],
            ["{\"kind\":\"b\",\"x\":1}"]);

    [Fact]
    public void OneOf_Overlapping_ThrowsNamingOneOf()
    {
        var ex = Assert.Throws<GrammarCompileException>(() => ByteGrammar.Compile("""{"oneOf":[{"type":"string"},{"type":"string","maxLength":2}]}"""));
        Assert.Equal("oneOf", ex.Keyword);
    }

    [Fact]
    public void Array_MinAndMaxItems_CountsExactly() =>
        Check("""{"type":"array","items":{"type":"integer","minimum":0,"maximum":9},"minItems":2,"maxItems":3}""", ["[1,2]", "[1, 2, 3]"], ["[]", "[1]", "[1,2,3,4]", "[1,,2]", "[10,1]"]);

    [Fact]
    public void Array_ManyBoundedItems_SharedRuleStillCounts() =>
        Check("""{"type":"array","items":{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false},"maxItems":6}""",
            ["[]", "[{\"a\":1},{\"a\":2},{\"a\":3},{\"a\":4},{\"a\":5},{\"a\":6}]"], ["[{\"a\":1},{\"a\":2},{\"a\":3},{\"a\":4},{\"a\":5},{\"a\":6},{\"a\":7}]", "[{}]"]);

    [Fact]
    public void PrefixItems_TypesEachPosition() =>
        Check("""{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],"items":false}""", ["[]", "[\"a\"]", "[\"a\",1]"], ["[1]", "[\"a\",1,2]"]);

    [Fact]
    public void StringLength_CountsCodePointsAndEscapesAsOne() =>
        Check("""{"type":"string","minLength":2,"maxLength":3}""", ["\"ab\"", "\"\u00e9\u00e9\u00e9\"", "\"a\\n\"", "\"\\u0041b\""], ["\"a\"", "\"abcd\"", "\"\u00e9\""]);

    [Fact]
    public void Pattern_AnchoredSubset_CompilesToAutomaton() =>
        Check("""{"type":"string","pattern":"^[A-Z]{2}-\\d{3}(x|yz)?$"}""", ["\"AB-123\"", "\"ZZ-000yz\""], ["\"ab-123\"", "\"AB-12\"", "\"AB-123y\"", "\"xAB-123\""]);

    [Fact]
    public void Pattern_Unanchored_SearchesAnywhere() =>
        Check("""{"type":"string","pattern":"ab+"}""", ["\"ab\"", "\"xxabbby\""], ["\"a\"", "\"ba\""]);

    [Fact]
    public void Pattern_Lookahead_ThrowsNamingPattern()
    {
        var ex = Assert.Throws<GrammarCompileException>(() => ByteGrammar.Compile("""{"type":"string","pattern":"^(?=a)b$"}"""));
        Assert.Equal("pattern", ex.Keyword);
    }

    [Fact]
    public void Format_DateAndUuid_OnlyValidValues()
    {
        Check("""{"type":"string","format":"date"}""", ["\"2024-01-31\"", "\"2023-02-28\""], ["\"2024-02-30\"", "\"2024-13-01\"", "\"2024-04-31\""]);
        Check("""{"type":"string","format":"uuid"}""", ["\"123e4567-e89b-12d3-a456-426614174000\""], ["\"123e4567e89b12d3a456426614174000\""]);
    }

    [Fact]
    public void Integer_Range_IsExactlyTheRange() =>
        Check("""{"type":"integer","minimum":-15,"exclusiveMaximum":123}""", ["-15", "-1", "0", "9", "10", "99", "122"], ["-16", "123", "-0", "01", "1.0", "1e2"]);

    [Fact]
    public void Integer_Unbounded_LimitedToSafeIntegers() =>
        Check("""{"type":"integer"}""", ["9007199254740991", "-9007199254740991"], ["9007199254740992", "12345678901234567890"]);

    [Fact]
    public void Number_Bounds_ComparedWithFractions() =>
        Check("""{"type":"number","exclusiveMinimum":0.25,"maximum":2.5}""", ["0.26", "0.250001", "1", "2.5", "2.50", "2.4999"], ["0.25", "0.2", "2.51", "3", "-1", "0.250"]);

    [Fact]
    public void Number_Negative_Range() =>
        Check("""{"type":"number","minimum":-1.5,"maximum":-0.5}""", ["-1.5", "-1", "-0.5", "-0.75"], ["-1.6", "-0.4", "0", "-2"]);

    [Fact]
    public void Ref_RecursiveDefs_CompileToCalledRule() =>
        Check(
            """{"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},"required":["v","next"],"additionalProperties":false}},"$ref":"#/$defs/node"}""",
            ["{\"v\":1,\"next\":null}", "{\"v\":1,\"next\":{\"v\":2,\"next\":{\"v\":3,\"next\":null}}}"],
            ["{\"v\":1}", "{\"v\":1,\"next\":{\"v\":2}}"]);

    [Fact]
    public void Ref_Definitions_ResolvedLocally() =>
        Check("""{"definitions":{"n":{"type":"integer","minimum":0,"maximum":2}},"type":"array","items":{"$ref":"#/definitions/n"}}""", ["[0,2]"], ["[3]"]);

    [Fact]
    public void Ref_Remote_ThrowsNamingRef()
    {
        var ex = Assert.Throws<GrammarCompileException>(() => ByteGrammar.Compile("""{"properties":{"a":{"$ref":"https://example.com/s.json"}}}"""));
        Assert.Equal("$ref", ex.Keyword);
        Assert.Equal("/properties/a", ex.Path);
    }

    [Theory]
    [InlineData("""{"type":"object","patternProperties":{"^a":{}}}""", "patternProperties", "")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"number","multipleOf":2}}}""", "multipleOf", "/properties/n")]
    [InlineData("""{"type":"array","items":{"not":{"type":"string"}}}""", "not", "/items")]
    [InlineData("""{"type":"array","uniqueItems":true}""", "uniqueItems", "")]
    [InlineData("""{"type":"string","format":"email"}""", "format", "")]
    [InlineData("""{"allOf":[{"type":"string"},{"maxLength":3}]}""", "allOf", "")]
    public void Compile_UnsupportedKeyword_ThrowsNamingKeywordAndPath(string schema, string keyword, string path)
    {
        var ex = Assert.Throws<GrammarCompileException>(() => ByteGrammar.Compile(schema));
        Assert.Equal(keyword, ex.Keyword);
        Assert.Equal(path, ex.Path);
        Assert.Contains(keyword, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AnnotationsOnly_AreIgnored() =>
        Check("""{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"T","description":"d","examples":[1],"default":1,"$comment":"c","type":"integer","minimum":0,"maximum":1}""", ["0", "1"], ["2"]);

    [Fact]
    public void Whitespace_Compact_RejectsSpaces() =>
        Assert.False(ByteGrammar.Accepts("""{"type":"object","properties":{"a":{"type":"integer"}}}""", "{\"a\": 1}", new GrammarOptions { MaxWhitespace = 0 }));

    [Fact]
    public void Whitespace_Bounded_RejectsLongerRuns() =>
        Check("""{"type":"array","items":{"type":"integer"}}""", ["[ 1, 2 ]", "[\n1]"], ["[  1]", "[1 , 2]  "]);
}
