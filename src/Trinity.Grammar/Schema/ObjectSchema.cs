using System.Text.Json;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// Objects. Properties are emitted in the order <c>properties</c> lists them (a required name missing from it goes
/// last); optional ones may be skipped. Extra members come after them and only where <c>additionalProperties</c> is
/// <c>true</c> or a schema: when it is absent none are emitted (OpenAI's strict mode, and always valid).
/// </summary>
/// <remarks>Two tracks of states thread through the properties: "nothing written yet" and "something written",
/// so a comma goes before every member but the first whichever optional members are skipped.</remarks>
internal static class ObjectSchema
{
    public static Fragment Compile(JsonSchemaCompiler compiler, JsonElement schema, string path)
    {
        var nfa = compiler.Nfa;
        var json = compiler.Json;
        var required = Required(schema, path);
        var members = new List<(string Name, JsonElement Schema, string Path)>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                throw new GrammarCompileException("properties", path, "must be an object");
            }

            foreach (var property in properties.EnumerateObject())
            {
                members.Add((property.Name, property.Value, $"{path}/properties/{JsonSchemaCompiler.Escape(property.Name)}"));
            }
        }

        var extra = schema.TryGetProperty("additionalProperties", out var additional) ? additional : (JsonElement?)null;
        if (extra is { ValueKind: not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object) })
        {
            throw new GrammarCompileException("additionalProperties", path, "must be a boolean or a schema");
        }

        foreach (var name in required.Where(r => !members.Exists(m => m.Name == r)))
        {
            // Required but not described: its value follows additionalProperties (absent means any value).
            members.Add((name, extra ?? default, $"{path}/additionalProperties"));
        }

        var open = nfa.Sequence(json.Literal("{"), json.Ws());
        int? none = open.End;
        int? some = null;
        foreach (var (name, memberSchema, memberPath) in members)
        {
            var isRequired = required.Contains(name);
            int? nextNone = isRequired ? null : nfa.NewState();
            var nextSome = nfa.NewState();
            Fragment Member() => nfa.Sequence(
                nfa.Literal(JsonText.Key(name)), json.Ws(), json.Literal(":"), json.Ws(),
                memberSchema.ValueKind == JsonValueKind.Undefined ? compiler.Any.Value() : compiler.Compile(memberSchema, memberPath),
                json.Ws());
            if (none is { } n)
            {
                Link(nfa, n, Member(), nextSome);
                if (nextNone is { } skip)
                {
                    nfa.Connect(n, skip);
                }
            }

            if (some is { } s)
            {
                Link(nfa, s, nfa.Sequence(json.Literal(","), json.Ws(), Member()), nextSome);
                if (!isRequired)
                {
                    nfa.Connect(s, nextSome);
                }
            }

            (none, some) = (nextNone, nextSome);
        }

        var close = json.Literal("}");
        if (extra is { ValueKind: JsonValueKind.True or JsonValueKind.Object } extraSchema)
        {
            var names = members.Select(m => m.Name).ToList();
            Fragment Extra() => nfa.Sequence(
                KeyExclusion.Build(nfa, names), json.Ws(), json.Literal(":"), json.Ws(), compiler.Compile(extraSchema, $"{path}/additionalProperties"), json.Ws());
            var after = nfa.NewState();
            if (none is { } n)
            {
                Link(nfa, n, Extra(), after);
                nfa.Connect(n, close.Start);
            }

            if (some is { } s)
            {
                nfa.Connect(s, after);
            }

            Link(nfa, after, nfa.Sequence(json.Literal(","), json.Ws(), Extra()), after);
            nfa.Connect(after, close.Start);
        }
        else
        {
            foreach (var track in (ReadOnlySpan<int?>)[none, some])
            {
                if (track is { } t)
                {
                    nfa.Connect(t, close.Start);
                }
            }
        }

        return new Fragment(open.Start, close.End);
    }

    private static void Link(NfaBuilder nfa, int from, Fragment through, int to)
    {
        nfa.Connect(from, through.Start);
        nfa.Connect(through.End, to);
    }

    private static HashSet<string> Required(JsonElement schema, string path)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var required))
        {
            if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            {
                throw new GrammarCompileException("required", path, "must be an array of strings");
            }

            result.UnionWith(required.EnumerateArray().Select(r => r.GetString()!));
        }

        return result;
    }
}
