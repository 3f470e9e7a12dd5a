using System.Text.Json;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary><c>number</c> and <c>integer</c> with <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c> and
/// <c>exclusiveMaximum</c> (numbers, or draft-04 booleans). Integers are exactly the range (JSON-safe integers when
/// unbounded); numbers are exact decimals within it, integer part capped where a side is unbounded.</summary>
internal static class NumberSchema
{
    public static Fragment Compile(JsonSchemaCompiler compiler, JsonElement schema, string path, bool integer)
    {
        var (min, minExclusive) = Bound(schema, "minimum", "exclusiveMinimum", path, low: true);
        var (max, maxExclusive) = Bound(schema, "maximum", "exclusiveMaximum", path, low: false);
        if (!integer)
        {
            return NumberRange.Build(compiler.Nfa, compiler.Json.Options, min, minExclusive, max, maxExclusive);
        }

        var safe = (decimal)IntegerRange.SafeLimit;
        var lo = min is { } a ? (minExclusive ? decimal.Floor(a) + 1 : decimal.Ceiling(a)) : -safe;
        var hi = max is { } b ? (maxExclusive ? decimal.Ceiling(b) - 1 : decimal.Floor(b)) : safe;
        return IntegerRange.Signed(compiler.Nfa, (long)Math.Max(lo, -safe), (long)Math.Min(hi, safe));
    }

    /// <summary>The tighter of the inclusive and exclusive bound on one side, and whether it is exclusive.</summary>
    private static (decimal? Value, bool Exclusive) Bound(JsonElement schema, string inclusive, string exclusive, string path, bool low)
    {
        decimal? value = null;
        var isExclusive = false;
        if (schema.TryGetProperty(inclusive, out var v))
        {
            value = Decimal(v, inclusive, path);
        }

        if (schema.TryGetProperty(exclusive, out var e))
        {
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                // Draft-04: a flag on the inclusive bound.
                isExclusive = e.ValueKind == JsonValueKind.True && value is not null;
            }
            else
            {
                var x = Decimal(e, exclusive, path);
                if (value is null || (low ? x >= value : x <= value))
                {
                    (value, isExclusive) = (x, true);
                }
            }
        }

        return (value, isExclusive);
    }

    private static decimal Decimal(JsonElement value, string keyword, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d)
            ? d
            : throw new GrammarCompileException(keyword, path, "must be a number within decimal range");
}
