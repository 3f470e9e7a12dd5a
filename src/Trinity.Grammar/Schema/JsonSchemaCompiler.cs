using System.Text.Json;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// Compiles a JSON Schema into a <see cref="PushdownAutomaton"/> whose language is a subset of the JSON texts
/// valid against the schema (docs/STRUCTURED_OUTPUTS.md). Subschemas are inlined, so a non-recursive schema
/// becomes one flat DFA; a <c>$ref</c> met again while it is being inlined becomes a rule called through the stack.
/// </summary>
internal sealed class JsonSchemaCompiler
{
    private readonly JsonElement _document;
    private readonly Dictionary<string, int> _rules = new(StringComparer.Ordinal);
    private readonly Queue<(int Rule, string Pointer)> _pending = new();
    private readonly HashSet<string> _inlining = new(StringComparer.Ordinal);
    private AnyJson? _any;

    private JsonSchemaCompiler(JsonElement document, GrammarOptions options)
    {
        _document = document;
        Json = new JsonFragments(new NfaBuilder(), options);
    }

    public JsonFragments Json { get; }

    public NfaBuilder Nfa => Json.Nfa;

    /// <summary>Rules for any JSON value, made on first use.</summary>
    public AnyJson Any => _any ??= new AnyJson(Json);

    public static PushdownAutomaton Compile(string schema, GrammarOptions options)
    {
        if (options.MaxWhitespace is < 0 or > 64)
        {
            throw new GrammarCompileException("", "", "MaxWhitespace must be between 0 and 64");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schema);
        }
        catch (JsonException ex)
        {
            throw new GrammarCompileException($"the schema is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var compiler = new JsonSchemaCompiler(document.RootElement, options);
            var root = compiler.Nfa.DeclareRule();
            compiler.Nfa.DefineRule(root, compiler.Compile(document.RootElement, ""));
            compiler.DrainPendingRules();
            return Determinizer.Build(compiler.Nfa);
        }
    }

    /// <summary>The <c>json_object</c> response format: any JSON object.</summary>
    public static PushdownAutomaton CompileJsonObject(GrammarOptions options)
    {
        using var document = JsonDocument.Parse("{}");
        var compiler = new JsonSchemaCompiler(document.RootElement, options);
        var root = compiler.Nfa.DeclareRule();
        compiler.Nfa.DefineRule(root, compiler.Any.ObjectBody());
        return Determinizer.Build(compiler.Nfa);
    }

    /// <summary>The fragment for <paramref name="schema"/> found at JSON pointer <paramref name="path"/>.</summary>
    public Fragment Compile(JsonElement schema, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return Any.Value();
            case JsonValueKind.False:
                return Nfa.Nothing();
            case JsonValueKind.Object:
                break;
            default:
                throw new GrammarCompileException("", path, "a schema must be an object or a boolean");
        }

        var validity = new List<string>();
        foreach (var property in schema.EnumerateObject())
        {
            if (SchemaKeywords.Annotations.Contains(property.Name))
            {
                continue;
            }

            if (!SchemaKeywords.Supported.Contains(property.Name))
            {
                throw new GrammarCompileException(property.Name, path, "this keyword is not supported");
            }

            validity.Add(property.Name);
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return validity.Count == 1
                ? Reference(reference, path)
                : throw new GrammarCompileException("$ref", path, "keywords beside $ref are not supported");
        }

        if (validity.Contains("enum") || validity.Contains("const"))
        {
            return EnumSchema.Compile(this, schema, validity, path);
        }

        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out var branches))
            {
                return validity.Count == 1
                    ? Combination(combinator, branches, path)
                    : throw new GrammarCompileException(combinator, path, $"keywords beside {combinator} are not supported");
            }
        }

        var alternatives = new List<Fragment>();
        foreach (var type in SchemaTypes.Of(schema, path))
        {
            alternatives.Add(type switch
            {
                "object" => ObjectSchema.Compile(this, schema, path),
                "array" => ArraySchema.Compile(this, schema, path),
                "string" => StringSchema.Compile(this, schema, path),
                "number" => NumberSchema.Compile(this, schema, path, integer: false),
                "integer" => NumberSchema.Compile(this, schema, path, integer: true),
                "boolean" => Nfa.Choice(Json.Literal("true"), Json.Literal("false")),
                _ => Json.Literal("null"),
            });
        }

        return alternatives.Count == 1 ? alternatives[0] : Nfa.Choice([.. alternatives]);
    }

    /// <summary>The subschema at <paramref name="pointer"/> (<c>#/...</c>) compiled once as a rule and called: for
    /// recursion, and where inlining would copy it many times.</summary>
    public Fragment Shared(string pointer)
    {
        if (!_rules.TryGetValue(pointer, out var rule))
        {
            rule = Nfa.DeclareRule();
            _rules[pointer] = rule;
            _pending.Enqueue((rule, pointer));
        }

        return Nfa.Call(rule);
    }

    private Fragment Combination(string keyword, JsonElement branches, string path)
    {
        if (branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() == 0)
        {
            throw new GrammarCompileException(keyword, path, "must be a non-empty array of schemas");
        }

        if (keyword == "allOf" && branches.GetArrayLength() != 1)
        {
            throw new GrammarCompileException(keyword, path, "only a single-schema allOf is supported");
        }

        if (keyword == "oneOf")
        {
            OneOfDisjointness.Check(this, branches, path);
        }

        var fragments = new List<Fragment>();
        var index = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            fragments.Add(Compile(branch, $"{path}/{keyword}/{index++}"));
        }

        return Nfa.Choice([.. fragments]);
    }

    private Fragment Reference(JsonElement reference, string path)
    {
        var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
        var target = Resolve(pointer, path);
        var targetPath = pointer.Length > 1 ? pointer[1..] : "";
        if (_inlining.Contains(pointer))
        {
            return Shared(pointer);
        }

        _inlining.Add(pointer);
        var fragment = Compile(target, targetPath);
        _inlining.Remove(pointer);
        return fragment;
    }

    /// <summary>Finds the subschema a local <c>$ref</c> (<c>#</c> or <c>#/json/pointer</c>) names.</summary>
    public JsonElement Resolve(string pointer, string path)
    {
        if (pointer != "#" && !pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new GrammarCompileException("$ref", path, $"only local JSON-pointer references are supported, not '{pointer}'");
        }

        var current = _document;
        foreach (var raw in pointer.Length > 2 ? pointer[2..].Split('/') : [])
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            var found = current.ValueKind switch
            {
                JsonValueKind.Object => current.TryGetProperty(token, out var next) ? next : (JsonElement?)null,
                JsonValueKind.Array when int.TryParse(token, out var i) && i >= 0 && i < current.GetArrayLength() => current[i],
                _ => null,
            };
            current = found ?? throw new GrammarCompileException("$ref", path, $"'{pointer}' does not resolve");
        }

        return current;
    }

    /// <summary>Compiles the bodies of rules made by <see cref="Shared"/>, which may make more.</summary>
    private void DrainPendingRules()
    {
        while (_pending.TryDequeue(out var item))
        {
            // A rule body starts a fresh inlining context: only its own pointer recurses into the rule.
            _inlining.Clear();
            _inlining.Add(item.Pointer);
            Nfa.DefineRule(item.Rule, Compile(Resolve(item.Pointer, ""), item.Pointer[1..]));
        }
    }

    /// <summary>A JSON pointer segment for a property name.</summary>
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
