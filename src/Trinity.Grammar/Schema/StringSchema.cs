using System.Text.Json;
using Trinity.Grammar.Automata;
using Trinity.Grammar.Patterns;

namespace Trinity.Grammar.Schema;

/// <summary>Strings with <c>minLength</c>/<c>maxLength</c> (in code points, an escape counting as one), or a
/// <c>pattern</c> from the supported subset, or one of the <see cref="FormatFragments"/> formats. Combining a
/// pattern or format with a length, or a pattern with a format, is refused: the grammar would need an intersection.</summary>
internal static class StringSchema
{
    /// <summary>Beyond this a bounded string costs more table-building time than it is worth; refuse it.</summary>
    private const int MaxBoundedLength = 4096;

    public static Fragment Compile(JsonSchemaCompiler compiler, JsonElement schema, string path)
    {
        var json = compiler.Json;
        var min = ArraySchema.Count(schema, "minLength", path);
        var max = ArraySchema.Count(schema, "maxLength", path);
        var hasPattern = schema.TryGetProperty("pattern", out var pattern);
        var hasFormat = schema.TryGetProperty("format", out var format);
        if ((hasPattern || hasFormat) && (min is not null || max is not null || (hasPattern && hasFormat)))
        {
            throw new GrammarCompileException(hasPattern ? "pattern" : "format", path, "cannot be combined with minLength, maxLength, pattern or format");
        }

        if (hasFormat)
        {
            return format.ValueKind == JsonValueKind.String
                ? FormatFragments.Build(json, format.GetString()!, path)
                : throw new GrammarCompileException("format", path, "must be a string");
        }

        if (hasPattern)
        {
            if (pattern.ValueKind != JsonValueKind.String)
            {
                throw new GrammarCompileException("pattern", path, "must be a string");
            }

            var parsed = PatternParser.Parse(pattern.GetString()!, path);
            var nfa = json.Nfa;
            return nfa.Sequence(
                json.Literal("\""),
                parsed.AnchoredStart ? nfa.Empty() : nfa.Star(json.StringChar()),
                Build(json, parsed.Root),
                parsed.AnchoredEnd ? nfa.Empty() : nfa.Star(json.StringChar()),
                json.Literal("\""));
        }

        if (max > MaxBoundedLength || min > MaxBoundedLength)
        {
            throw new GrammarCompileException(max > MaxBoundedLength ? "maxLength" : "minLength", path, $"lengths above {MaxBoundedLength} are not supported");
        }

        return json.String(min ?? 0, max);
    }

    private static Fragment Build(JsonFragments json, PatternNode node) => node.Kind switch
    {
        PatternKind.Set => json.Chars(node.Set!),
        PatternKind.Sequence => json.Nfa.Sequence([.. node.Children.Select(c => Build(json, c))]),
        PatternKind.Alternation => json.Nfa.Choice([.. node.Children.Select(c => Build(json, c))]),
        _ => json.Nfa.Repeat(() => Build(json, node.Children[0]), node.Min, node.Max),
    };
}
