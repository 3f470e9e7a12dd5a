using System.Numerics;
using System.Text;
using System.Text.Json;
using Trinity.Bench.Grammar;
using Trinity.Grammar.Automata;
using Trinity.Grammar.Matching;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Tests.Grammar;

/// <summary>
/// The acceptance property: random schemas of the supported subset, driven by a random model (uniform over the
/// allowed tokens), give outputs that an independent validator accepts; the matcher never dead-ends, so a
/// max_tokens cut leaves a valid prefix; and every mask equals a brute-force check of each token.
/// </summary>
public sealed class GrammarPropertyTests
{
    private const int Schemas = 50;
    private const int RunsPerSchema = 5;
    private const int MaxTokens = 160;

    /// <summary>A small byte-level vocabulary with every byte and many boundary-spanning tokens; built once.</summary>
    private static readonly TokenVocabulary Vocabulary = SyntheticVocabulary.Create(size: 3000, seed: 5);

    [Fact]
    public void RandomModel_RandomSchemas_FinishedOutputsValidateAndNeverDeadEnd()
    {
        var generator = new RandomSchemas(seed: 2026);
        var mask = new uint[Vocabulary.MaskWords];
        var finished = 0;
        for (var s = 0; s < Schemas; s++)
        {
            var schemaText = generator.Next().ToJsonString();
            var grammar = CompiledGrammar.FromJsonSchema(schemaText, Vocabulary);
            using var schema = JsonDocument.Parse(schemaText);
            var validator = new SchemaValidator(schema.RootElement);
            var random = new Random(s);
            for (var run = 0; run < RunsPerSchema; run++)
            {
                var matcher = grammar.CreateMatcher();
                var output = new List<byte>();
                for (var step = 0; step < MaxTokens && !matcher.IsTerminated; step++)
                {
                    matcher.FillNextTokenMask(mask);
                    if (step % 41 == 3)
                    {
                        AssertMaskIsExact(grammar, output, mask, schemaText);
                    }

                    var allowed = Allowed(mask);
                    Assert.True(allowed.Count > 0, $"dead end after '{Encoding.UTF8.GetString([.. output])}' for {schemaText}");
                    var token = allowed[random.Next(allowed.Count)];
                    Assert.True(matcher.Accept(token), "a masked-in token must be accepted");
                    output.AddRange(Vocabulary.BytesOf(token).ToArray());
                }

                if (matcher.IsTerminated)
                {
                    finished++;
                    var text = Encoding.UTF8.GetString([.. output]);
                    using var instance = ParseOrFail(text, schemaText);
                    Assert.True(validator.Validate(instance.RootElement) is null, $"{validator.Validate(instance.RootElement)}: {text} for {schemaText}");
                }
            }
        }

        Assert.True(finished > Schemas, $"only {finished} outputs finished; the property needs finished outputs to judge");
    }

    /// <summary>Each token is allowed iff its bytes can be read from some configuration, checked without tables.</summary>
    private static void AssertMaskIsExact(CompiledGrammar grammar, List<byte> output, uint[] mask, string schema)
    {
        var stacks = new StackSet(grammar.Automaton);
        Assert.True(output.Count == 0 || stacks.TryAdvance(output.ToArray()));
        for (var id = 0; id < Vocabulary.Count; id++)
        {
            var expected = Vocabulary.EosTokenIds.Contains(id)
                ? stacks.CanEnd
                : !Vocabulary.IsSpecial(id) && Enumerable.Range(0, stacks.Count).Any(i => stacks.Accepts(i, Vocabulary.BytesOf(id)));
            var actual = (mask[id >> 5] & (1u << (id & 31))) != 0;
            Assert.True(expected == actual, $"token {id} '{Encoding.UTF8.GetString(Vocabulary.BytesOf(id))}' mask {actual} after '{Encoding.UTF8.GetString([.. output])}' for {schema}");
        }
    }

    private static JsonDocument ParseOrFail(string text, string schema)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            Assert.Fail($"not JSON ({ex.Message}): {text} for {schema}");
            throw;
        }
    }

    private static List<int> Allowed(uint[] mask)
    {
        var allowed = new List<int>();
        for (var w = 0; w < mask.Length; w++)
        {
            for (var bits = mask[w]; bits != 0; bits &= bits - 1)
            {
                allowed.Add((w * 32) + BitOperations.TrailingZeroCount(bits));
            }
        }

        return allowed;
    }
}
