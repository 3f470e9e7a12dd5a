using System.Text.Json;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// Arrays with <c>prefixItems</c> (or the older array form of <c>items</c>), <c>items</c>, <c>minItems</c> and
/// <c>maxItems</c>, counted exactly by a chain of element positions. An element schema needed in more than
/// <see cref="InlineCopies"/> positions is compiled once as a called rule instead of copied.
/// </summary>
internal static class ArraySchema
{
    private const int InlineCopies = 4;
    private const int MaxBoundedItems = 10_000;

    public static Fragment Compile(JsonSchemaCompiler compiler, JsonElement schema, string path)
    {
        var nfa = compiler.Nfa;
        var json = compiler.Json;
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind != JsonValueKind.False)
        {
            throw new GrammarCompileException("uniqueItems", path, "only uniqueItems: false is supported");
        }

        var prefix = new List<(JsonElement Schema, string Path)>();
        JsonElement? items = null;
        var itemsPath = $"{path}/items";
        if (schema.TryGetProperty("prefixItems", out var prefixItems))
        {
            prefix.AddRange(Schemas(prefixItems, "prefixItems", path));
        }

        if (schema.TryGetProperty("items", out var itemsValue))
        {
            if (itemsValue.ValueKind == JsonValueKind.Array)
            {
                prefix.AddRange(Schemas(itemsValue, "items", path));
            }
            else
            {
                items = itemsValue;
            }
        }

        var min = Count(schema, "minItems", path) ?? 0;
        var max = Count(schema, "maxItems", path);
        if (items is { ValueKind: JsonValueKind.False })
        {
            max = Math.Min(max ?? prefix.Count, prefix.Count);
        }

        if (max is { } bound && bound - Math.Max(prefix.Count, min) > MaxBoundedItems)
        {
            throw new GrammarCompileException("maxItems", path, $"more than {MaxBoundedItems} bounded items are not supported");
        }

        // Element positions beyond the prefix that need their own copy (the rest loop over one copy).
        var copies = (max ?? Math.Max(min, prefix.Count + 1)) - prefix.Count;
        var share = items is { ValueKind: JsonValueKind.Object } && copies > InlineCopies;
        Fragment Element(int index) => index < prefix.Count
            ? compiler.Compile(prefix[index].Schema, prefix[index].Path)
            : items is not { } item ? compiler.Any.Value()
            : share ? compiler.Shared("#" + itemsPath)
            : compiler.Compile(item, itemsPath);
        Fragment Next(int index) => index == 0
            ? nfa.Sequence(Element(0), json.Ws())
            : nfa.Sequence(json.Literal(","), json.Ws(), Element(index), json.Ws());

        var open = nfa.Sequence(json.Literal("["), json.Ws());
        var close = json.Literal("]");
        var position = open.End;
        var fixedPositions = Math.Max(min, prefix.Count);
        for (var k = 0; max is null ? k < fixedPositions : k < max; k++)
        {
            if (k >= min)
            {
                nfa.Connect(position, close.Start);
            }

            var element = Next(k);
            nfa.Connect(position, element.Start);
            position = element.End;
        }

        nfa.Connect(position, close.Start);
        if (max is null)
        {
            // Unbounded tail: one more copy of the items schema in a loop (the first without a comma if no
            // element came before it).
            var tail = fixedPositions == 0
                ? nfa.Optional(nfa.Sequence(Next(0), nfa.Star(Next(1))))
                : nfa.Star(Next(fixedPositions));
            nfa.Connect(position, tail.Start);
            nfa.Connect(tail.End, close.Start);
        }

        return new Fragment(open.Start, close.End);
    }

    private static IEnumerable<(JsonElement, string)> Schemas(JsonElement array, string keyword, string path)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new GrammarCompileException(keyword, path, "must be an array of schemas");
        }

        return array.EnumerateArray().Select((s, i) => (s, $"{path}/{keyword}/{i}"));
    }

    public static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw new GrammarCompileException(keyword, path, "must be a non-negative integer");
    }
}
