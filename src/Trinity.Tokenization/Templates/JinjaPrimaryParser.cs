using System.Globalization;

namespace Trinity.Tokenization.Templates;

/// <summary>Literals and names: <c>true/false/none</c>, strings (adjacent ones joined), numbers, tuples, lists,
/// dicts and variable lookups.</summary>
internal sealed class JinjaPrimaryParser
{
    private readonly JinjaTokenStream _tokens;
    private readonly JinjaExpressionParser _expressions;

    public JinjaPrimaryParser(JinjaTokenStream tokens, JinjaExpressionParser expressions)
    {
        _tokens = tokens;
        _expressions = expressions;
    }

    public JinjaExpression Parse()
    {
        var token = _tokens.Next();
        switch (token.Kind)
        {
            case JinjaTokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => _ => true,
                    "false" or "False" => _ => false,
                    "none" or "None" => _ => null,
                    var name => s => s.Lookup(name),
                };
            case JinjaTokenKind.String:
                var text = token.Value;
                while (_tokens.Current.Kind == JinjaTokenKind.String)
                {
                    text += _tokens.Next().Value;
                }

                return _ => text;
            case JinjaTokenKind.Integer:
                var integer = long.Parse(token.Value, CultureInfo.InvariantCulture);
                return _ => integer;
            case JinjaTokenKind.Float:
                var real = double.Parse(token.Value, CultureInfo.InvariantCulture);
                return _ => real;
            case JinjaTokenKind.Operator when token.Value == "(":
                return ParseParenthesized();
            case JinjaTokenKind.Operator when token.Value == "[":
                var items = ParseSequence("]");
                return s => items.Select(item => item(s)).ToList();
            case JinjaTokenKind.Operator when token.Value == "{":
                return ParseDictionary();
            default:
                throw new ChatTemplateException($"Chat template syntax error on line {token.Line}: unexpected {token}.");
        }
    }

    private JinjaExpression ParseParenthesized()
    {
        if (_tokens.TryOperator(")"))
        {
            return _ => Array.Empty<object?>();
        }

        var first = _expressions.Parse();
        if (_tokens.TryOperator(")"))
        {
            return first;
        }

        _tokens.ExpectOperator(",");
        var items = ParseSequence(")");
        items.Insert(0, first);
        return s => items.Select(item => item(s)).ToArray();
    }

    private List<JinjaExpression> ParseSequence(string close)
    {
        var items = new List<JinjaExpression>();
        while (!_tokens.TryOperator(close))
        {
            items.Add(_expressions.Parse());
            if (!_tokens.Current.IsOperator(close))
            {
                _tokens.ExpectOperator(",");
            }
        }

        return items;
    }

    private JinjaExpression ParseDictionary()
    {
        var entries = new List<(JinjaExpression Key, JinjaExpression Value)>();
        while (!_tokens.TryOperator("}"))
        {
            var key = _expressions.Parse();
            _tokens.ExpectOperator(":");
            entries.Add((key, _expressions.Parse()));
            if (!_tokens.Current.IsOperator("}"))
            {
                _tokens.ExpectOperator(",");
            }
        }

        return s =>
        {
            var dict = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in entries)
            {
                dict[JinjaText.ToText(key(s))] = value(s);
            }

            return dict;
        };
    }
}
