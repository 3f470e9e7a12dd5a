namespace Trinity.Tokenization.Templates;

/// <summary>Parses Jinja expressions into closures, with Jinja's precedence: conditional, <c>or</c>, <c>and</c>,
/// <c>not</c>, comparisons and <c>in</c>, <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>, unary minus, then
/// literals and names with <c>.attr</c>, <c>[key]</c>, <c>[a:b]</c>, calls, <c>| filter</c> and <c>is test</c>
/// (so <c>'a' + b | trim</c> trims only <c>b</c>, as in Jinja).</summary>
internal sealed class JinjaExpressionParser
{
    private static readonly string[] Comparisons = ["==", "!=", "<", ">", "<=", ">="];
    private static readonly HashSet<string> NotTestArguments = ["else", "or", "and", "if", "is", "in", "not"];

    private readonly JinjaTokenStream _tokens;

    public JinjaExpressionParser(JinjaTokenStream tokens) => _tokens = tokens;

    public JinjaExpression Parse(bool allowConditional = true)
    {
        var expression = ParseOr();
        while (allowConditional && _tokens.TryName("if"))
        {
            var then = expression;
            var condition = ParseOr();
            var otherwise = _tokens.TryName("else") ? Parse() : null;
            expression = s => JinjaValues.IsTruthy(condition(s)) ? then(s) : otherwise is null ? new JinjaUndefined("else") : otherwise(s);
        }

        return expression;
    }

    /// <summary>Arguments of a call: positional expressions and <c>name=value</c> ones, up to the closing parenthesis.</summary>
    public (List<JinjaExpression> Positional, List<(string Name, JinjaExpression Value)> Named) ParseArguments()
    {
        var positional = new List<JinjaExpression>();
        var named = new List<(string, JinjaExpression)>();
        while (!_tokens.TryOperator(")"))
        {
            if (_tokens.Current.Kind == JinjaTokenKind.Name && _tokens.PeekAhead(1).IsOperator("="))
            {
                var name = _tokens.Next().Value;
                _tokens.Next();
                named.Add((name, Parse()));
            }
            else
            {
                positional.Add(Parse());
            }

            if (!_tokens.Current.IsOperator(")"))
            {
                _tokens.ExpectOperator(",");
            }
        }

        return (positional, named);
    }

    public static JinjaArguments Evaluate(JinjaScope scope, List<JinjaExpression> positional, List<(string Name, JinjaExpression Value)> named)
    {
        var values = positional.Select(e => e(scope)).ToList();
        var names = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in named)
        {
            names[name] = value(scope);
        }

        return new JinjaArguments(values, names);
    }

    private JinjaExpression ParseOr()
    {
        var left = ParseAnd();
        while (_tokens.TryName("or"))
        {
            var (l, r) = (left, ParseAnd());
            left = s => l(s) is var value && JinjaValues.IsTruthy(value) ? value : r(s);
        }

        return left;
    }

    private JinjaExpression ParseAnd()
    {
        var left = ParseNot();
        while (_tokens.TryName("and"))
        {
            var (l, r) = (left, ParseNot());
            left = s => l(s) is var value && !JinjaValues.IsTruthy(value) ? value : r(s);
        }

        return left;
    }

    private JinjaExpression ParseNot()
    {
        if (_tokens.Current.IsName("not") && !_tokens.PeekAhead(1).IsName("in"))
        {
            _tokens.Next();
            var operand = ParseNot();
            return s => !JinjaValues.IsTruthy(operand(s));
        }

        return ParseComparison();
    }

    private JinjaExpression ParseComparison()
    {
        var first = ParseBinary(0);
        var chain = new List<(string Op, JinjaExpression Right)>();
        while (true)
        {
            var token = _tokens.Current;
            if (token.Kind == JinjaTokenKind.Operator && Comparisons.Contains(token.Value))
            {
                _tokens.Next();
                chain.Add((token.Value, ParseBinary(0)));
            }
            else if (_tokens.TryName("in"))
            {
                chain.Add(("in", ParseBinary(0)));
            }
            else if (token.IsName("not") && _tokens.PeekAhead(1).IsName("in"))
            {
                _tokens.Next();
                _tokens.Next();
                chain.Add(("not in", ParseBinary(0)));
            }
            else
            {
                break;
            }
        }

        if (chain.Count == 0)
        {
            return first;
        }

        return s =>
        {
            var left = first(s);
            foreach (var (op, right) in chain)
            {
                var value = right(s);
                if (!Compare(op, left, value))
                {
                    return false;
                }

                left = value;
            }

            return true;
        };
    }

    private static bool Compare(string op, object? left, object? right) => op switch
    {
        "==" => JinjaValues.AreEqual(left, right),
        "!=" => !JinjaValues.AreEqual(left, right),
        "<" => JinjaValues.Compare(left, right) < 0,
        ">" => JinjaValues.Compare(left, right) > 0,
        "<=" => JinjaValues.Compare(left, right) <= 0,
        ">=" => JinjaValues.Compare(left, right) >= 0,
        "in" => JinjaValues.Contains(right, left),
        _ => !JinjaValues.Contains(right, left),
    };

    /// <summary>Binary operator levels from loosest: <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>.</summary>
    private JinjaExpression ParseBinary(int level)
    {
        string[][] levels = [["+", "-"], ["~"], ["*", "/", "//", "%"], ["**"]];
        if (level == levels.Length)
        {
            return ParseUnary(withFilters: true);
        }

        var left = ParseBinary(level + 1);
        while (_tokens.Current.Kind == JinjaTokenKind.Operator && levels[level].Contains(_tokens.Current.Value))
        {
            var op = _tokens.Next().Value;
            var (l, r) = (left, ParseBinary(level + 1));
            left = s => JinjaOperators.Apply(op, l(s), r(s));
        }

        return left;
    }

    private JinjaExpression ParseUnary(bool withFilters)
    {
        JinjaExpression node;
        if (_tokens.TryOperator("-"))
        {
            var operand = ParseUnary(withFilters: false);
            node = s => JinjaOperators.Negate(operand(s));
        }
        else if (_tokens.TryOperator("+"))
        {
            node = ParseUnary(withFilters: false);
        }
        else
        {
            node = new JinjaPostfixParser(_tokens, this).Parse(ParsePrimary());
        }

        return withFilters ? ParseFiltersAndTests(node) : node;
    }

    private JinjaExpression ParseFiltersAndTests(JinjaExpression node)
    {
        while (true)
        {
            if (_tokens.TryOperator("|"))
            {
                node = ParseFilter(node);
            }
            else if (_tokens.TryName("is"))
            {
                node = ParseTest(node);
            }
            else if (_tokens.Current.IsOperator("("))
            {
                node = new JinjaPostfixParser(_tokens, this).Parse(node);
            }
            else
            {
                return node;
            }
        }
    }

    private JinjaExpression ParseFilter(JinjaExpression node)
    {
        var name = _tokens.ExpectName();
        if (!JinjaFilters.Exists(name))
        {
            throw _tokens.Error($"unsupported filter '{name}'");
        }

        var (positional, named) = _tokens.TryOperator("(") ? ParseArguments() : ([], []);
        return s => JinjaFilters.Apply(name, node(s), Evaluate(s, positional, named));
    }

    private JinjaExpression ParseTest(JinjaExpression node)
    {
        var negate = _tokens.TryName("not");
        var name = _tokens.Current.Kind == JinjaTokenKind.Operator && Comparisons.Contains(_tokens.Current.Value)
            ? _tokens.Next().Value
            : _tokens.ExpectName();
        if (!JinjaTests.Exists(name))
        {
            throw _tokens.Error($"unsupported test '{name}'");
        }

        var arguments = new List<JinjaExpression>();
        var current = _tokens.Current;
        if (_tokens.TryOperator("("))
        {
            arguments = ParseArguments().Positional;
        }
        else if (current.Kind is JinjaTokenKind.String or JinjaTokenKind.Integer or JinjaTokenKind.Float
                 || (current.Kind == JinjaTokenKind.Name && !NotTestArguments.Contains(current.Value))
                 || current.IsOperator("[") || current.IsOperator("{"))
        {
            arguments.Add(new JinjaPostfixParser(_tokens, this).Parse(ParsePrimary()));
        }

        return s => JinjaTests.Run(name, node(s), arguments.Select(a => a(s)).ToList()) != negate;
    }

    internal JinjaExpression ParsePrimary() => new JinjaPrimaryParser(_tokens, this).Parse();
}
