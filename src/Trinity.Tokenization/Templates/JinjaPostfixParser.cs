namespace Trinity.Tokenization.Templates;

/// <summary>The postfix part of an expression: <c>.name</c>, <c>[key]</c>, <c>[start:stop:step]</c> and calls.</summary>
internal sealed class JinjaPostfixParser
{
    private readonly JinjaTokenStream _tokens;
    private readonly JinjaExpressionParser _expressions;

    public JinjaPostfixParser(JinjaTokenStream tokens, JinjaExpressionParser expressions)
    {
        _tokens = tokens;
        _expressions = expressions;
    }

    public JinjaExpression Parse(JinjaExpression node)
    {
        while (true)
        {
            if (_tokens.TryOperator("."))
            {
                node = ParseAttribute(node);
            }
            else if (_tokens.TryOperator("["))
            {
                node = ParseSubscript(node);
            }
            else if (_tokens.TryOperator("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private JinjaExpression ParseAttribute(JinjaExpression target)
    {
        var token = _tokens.Next();
        if (token.Kind == JinjaTokenKind.Integer)
        {
            var index = long.Parse(token.Value, System.Globalization.CultureInfo.InvariantCulture);
            return s => JinjaAccess.GetItem(target(s), index);
        }

        if (token.Kind != JinjaTokenKind.Name)
        {
            throw new ChatTemplateException($"Chat template syntax error on line {token.Line}: expected an attribute name, found {token}.");
        }

        var name = token.Value;
        return s => JinjaAccess.GetAttribute(target(s), name);
    }

    private JinjaExpression ParseSubscript(JinjaExpression target)
    {
        JinjaExpression? start = null;
        if (!_tokens.Current.IsOperator(":"))
        {
            start = _expressions.Parse();
            if (_tokens.TryOperator("]"))
            {
                var key = start;
                return s => JinjaAccess.GetItem(target(s), key(s));
            }
        }

        _tokens.ExpectOperator(":");
        var stop = _tokens.Current.IsOperator(":") || _tokens.Current.IsOperator("]") ? null : _expressions.Parse();
        JinjaExpression? step = null;
        if (_tokens.TryOperator(":") && !_tokens.Current.IsOperator("]"))
        {
            step = _expressions.Parse();
        }

        _tokens.ExpectOperator("]");
        return s => JinjaAccess.Slice(target(s), start?.Invoke(s), stop?.Invoke(s), step?.Invoke(s));
    }

    private JinjaExpression ParseCall(JinjaExpression callee)
    {
        var (positional, named) = _expressions.ParseArguments();
        return s => callee(s) switch
        {
            JinjaCallable function => function(JinjaExpressionParser.Evaluate(s, positional, named)),
            JinjaUndefined undefined => throw undefined.Error(),
            var other => throw new ChatTemplateException($"Chat template error: {JinjaValues.TypeName(other)} is not callable."),
        };
    }
}
