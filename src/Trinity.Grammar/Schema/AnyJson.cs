using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>Any JSON value (the <c>true</c> schema, <c>json_object</c>): recursive rules for values, objects and
/// arrays, made once per grammar. Numbers follow the digit caps of <see cref="GrammarOptions"/>.</summary>
internal sealed class AnyJson(JsonFragments json)
{
    private int? _value;
    private int? _object;
    private int? _array;

    private NfaBuilder Nfa => json.Nfa;

    public Fragment Value() => Nfa.Call(Rule(ref _value, ValueBody));

    /// <summary>An object inlined (the root of <c>json_object</c>) whose member values are calls.</summary>
    public Fragment ObjectBody()
    {
        Fragment Member() => Nfa.Sequence(json.String(), json.Ws(), json.Literal(":"), json.Ws(), Value(), json.Ws());
        var members = Nfa.Sequence(Member(), Nfa.Star(Nfa.Sequence(json.Literal(","), json.Ws(), Member())));
        return Nfa.Sequence(json.Literal("{"), json.Ws(), Nfa.Optional(members), json.Literal("}"));
    }

    private Fragment ArrayBody()
    {
        var elements = Nfa.Sequence(Value(), json.Ws(), Nfa.Star(Nfa.Sequence(json.Literal(","), json.Ws(), Value(), json.Ws())));
        return Nfa.Sequence(json.Literal("["), json.Ws(), Nfa.Optional(elements), json.Literal("]"));
    }

    private Fragment ValueBody() => Nfa.Choice(
        json.String(),
        NumberRange.Build(Nfa, json.Options, null, false, null, false),
        json.Literal("true"),
        json.Literal("false"),
        json.Literal("null"),
        Nfa.Call(Rule(ref _object, ObjectBody)),
        Nfa.Call(Rule(ref _array, ArrayBody)));

    /// <summary>Declares the rule before building its body, so the body may call it.</summary>
    private int Rule(ref int? rule, Func<Fragment> body)
    {
        if (rule is { } existing)
        {
            return existing;
        }

        var declared = Nfa.DeclareRule();
        rule = declared;
        Nfa.DefineRule(declared, body());
        return declared;
    }
}
