using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary><c>{% macro name(a, b=default) %}...{% endmacro %}</c>: defines a function that renders its body with the
/// arguments bound, in a scope whose parent is where the macro was defined.</summary>
internal sealed class JinjaMacroParser
{
    private readonly JinjaTokenStream _tokens;
    private readonly JinjaExpressionParser _expressions;

    public JinjaMacroParser(JinjaTokenStream tokens, JinjaExpressionParser expressions)
    {
        _tokens = tokens;
        _expressions = expressions;
    }

    public JinjaStatement Parse(Func<string, JinjaStatement> parseBody)
    {
        var name = _tokens.ExpectName();
        var parameters = new List<(string Name, JinjaExpression? Default)>();
        _tokens.ExpectOperator("(");
        while (!_tokens.TryOperator(")"))
        {
            var parameter = _tokens.ExpectName();
            parameters.Add((parameter, _tokens.TryOperator("=") ? _expressions.Parse() : null));
            if (!_tokens.Current.IsOperator(")"))
            {
                _tokens.ExpectOperator(",");
            }
        }

        _tokens.Expect(JinjaTokenKind.StatementEnd);
        var body = parseBody("endmacro");
        return definition => definition.Set(name, new JinjaCallable(arguments => Call(definition, name, parameters, body, arguments)));
    }

    private static string Call(
        JinjaScope definition, string name, List<(string Name, JinjaExpression? Default)> parameters, JinjaStatement body, JinjaArguments arguments)
    {
        var state = definition.State;
        if (++state.CallDepth > state.MaxCallDepth)
        {
            state.CallDepth = 0;
            throw new ChatTemplateException($"Chat template error: macro '{name}' nests deeper than {state.MaxCallDepth} calls.");
        }

        try
        {
            var output = new StringBuilder();
            var scope = definition.CreateChild(output);
            for (var i = 0; i < parameters.Count; i++)
            {
                var (parameter, fallback) = parameters[i];
                scope.Set(parameter, i < arguments.Positional.Count ? arguments.Positional[i]
                    : arguments.Named.TryGetValue(parameter, out var named) ? named
                    : fallback is not null ? fallback(scope)
                    : new JinjaUndefined(parameter));
            }

            body(scope);
            return output.ToString();
        }
        finally
        {
            state.CallDepth = Math.Max(0, state.CallDepth - 1);
        }
    }
}
