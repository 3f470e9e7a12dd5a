using System.Text.Json;
using Trinity.Gateway.Errors;
using Trinity.Grammar;
using Trinity.Grammar.Matching;
using Trinity.Grammar.Vocabulary;

namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>
/// Checks at the gateway that a JSON Schema compiles, so that a schema the engine could not enforce is a 400 naming
/// the parameter and the keyword before any engine work (remote engines included). It compiles against a 256-token
/// single-byte vocabulary — cheap, and the automaton is the same one the engine builds for the model's vocabulary;
/// results are cached by schema text.
/// </summary>
internal static class SchemaCheck
{
    private static readonly TokenVocabulary SingleBytes = TokenVocabulary.FromBytes([.. Enumerable.Range(0, 256).Select(b => new[] { (byte)b })], []);
    private static readonly GrammarCache Cache = new(capacityPerVocabulary: 1024);

    /// <summary>Throws a 400 naming <paramref name="param"/> when <paramref name="schema"/> cannot be enforced.</summary>
    public static void Compile(string schema, string param)
    {
        try
        {
            Cache.JsonSchema(schema, SingleBytes);
        }
        catch (GrammarCompileException exception)
        {
            throw PipelineErrors.Invalid(
                $"Invalid schema for '{param}': {exception.Message}. Structured outputs are enforced by constrained decoding, so a keyword that cannot be enforced is refused rather than ignored.",
                param,
                "unsupported_schema");
        }
        catch (JsonException exception)
        {
            throw PipelineErrors.Invalid($"Invalid schema for '{param}': {exception.Message}", param, "invalid_schema");
        }
    }
}
