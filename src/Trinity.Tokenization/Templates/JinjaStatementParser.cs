using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary>Parses template text and tags into one compiled statement. Tags: <c>if/elif/else</c>, <c>for</c> (with
/// <c>else</c>, an <c>if</c> filter, tuple targets, <c>loop</c>), <c>set</c> (names, tuples, <c>ns.attr</c>, blocks),
/// <c>macro</c>, <c>break</c>, <c>continue</c> and <c>generation</c>; anything else is a clear syntax error.</summary>
internal sealed class JinjaStatementParser
{
    private readonly JinjaTokenStream _tokens;
    private readonly JinjaExpressionParser _expressions;

    public JinjaStatementParser(JinjaTokenStream tokens)
    {
        _tokens = tokens;
        _expressions = new JinjaExpressionParser(tokens);
    }

    public JinjaStatement ParseTemplate() => ParseBlock([], out _);

    /// <summary>Statements up to a tag named in <paramref name="endNames"/>; the stream is left just after that name.</summary>
    private JinjaStatement ParseBlock(string[] endNames, out string endName)
    {
        var parts = new List<JinjaStatement>();
        while (true)
        {
            var token = _tokens.Current;
            switch (token.Kind)
            {
                case JinjaTokenKind.Text:
                    _tokens.Next();
                    var text = token.Value;
                    parts.Add(s => s.Write(text));
                    break;
                case JinjaTokenKind.OutputBegin:
                    _tokens.Next();
                    var expression = _expressions.Parse();
                    _tokens.Expect(JinjaTokenKind.OutputEnd);
                    parts.Add(s => s.Write(JinjaText.ToText(expression(s))));
                    break;
                case JinjaTokenKind.StatementBegin when _tokens.PeekAhead(1) is { Kind: JinjaTokenKind.Name } name && endNames.Contains(name.Value):
                    _tokens.Next();
                    _tokens.Next();
                    endName = name.Value;
                    return Sequence(parts);
                case JinjaTokenKind.StatementBegin:
                    _tokens.Next();
                    parts.Add(ParseTag());
                    break;
                case JinjaTokenKind.End when endNames.Length == 0:
                    endName = string.Empty;
                    return Sequence(parts);
                case JinjaTokenKind.End:
                    throw _tokens.Error($"missing '{{% {endNames[^1]} %}}'");
                default:
                    throw _tokens.Error($"unexpected {token}");
            }
        }
    }

    private static JinjaStatement Sequence(List<JinjaStatement> parts) => parts.Count switch
    {
        0 => static _ => { },
        1 => parts[0],
        _ => s =>
        {
            foreach (var part in parts)
            {
                part(s);
            }
        },
    };

    private JinjaStatement ParseTag()
    {
        var line = _tokens.Current.Line;
        var keyword = _tokens.ExpectName();
        switch (keyword)
        {
            case "if":
                return ParseIf();
            case "for":
                return ParseFor();
            case "set":
                return ParseSet();
            case "macro":
                return new JinjaMacroParser(_tokens, _expressions).Parse(ParseBody);
            case "break" or "continue":
                _tokens.Expect(JinjaTokenKind.StatementEnd);
                var control = keyword == "break" ? JinjaLoopControl.Break : JinjaLoopControl.Continue;
                return _ => throw control;
            case "generation":
                // Hugging Face's marker of assistant text for training masks; it renders its body unchanged.
                _tokens.Expect(JinjaTokenKind.StatementEnd);
                return ParseBody("endgeneration");
            default:
                throw new ChatTemplateException($"Chat template syntax error on line {line}: unsupported tag '{keyword}'.");
        }
    }

    /// <summary>A body up to <c>{% endName %}</c>, consuming the end tag.</summary>
    private JinjaStatement ParseBody(string endName)
    {
        var body = ParseBlock([endName], out _);
        _tokens.Expect(JinjaTokenKind.StatementEnd);
        return body;
    }

    private JinjaStatement ParseIf()
    {
        var branches = new List<(JinjaExpression Condition, JinjaStatement Body)>();
        var condition = _expressions.Parse();
        _tokens.Expect(JinjaTokenKind.StatementEnd);
        JinjaStatement? otherwise = null;
        while (true)
        {
            var body = ParseBlock(["elif", "else", "endif"], out var end);
            branches.Add((condition, body));
            if (end == "elif")
            {
                condition = _expressions.Parse();
                _tokens.Expect(JinjaTokenKind.StatementEnd);
                continue;
            }

            _tokens.Expect(JinjaTokenKind.StatementEnd);
            if (end == "else")
            {
                otherwise = ParseBody("endif");
            }

            break;
        }

        return s =>
        {
            foreach (var (test, body) in branches)
            {
                if (JinjaValues.IsTruthy(test(s)))
                {
                    body(s);
                    return;
                }
            }

            otherwise?.Invoke(s);
        };
    }

    private JinjaStatement ParseFor()
    {
        var targets = ParseTargets();
        if (!_tokens.TryName("in"))
        {
            throw _tokens.Error("expected 'in' in for loop");
        }

        var iterable = _expressions.Parse(allowConditional: false);
        var filter = _tokens.TryName("if") ? _expressions.Parse(allowConditional: false) : null;
        if (_tokens.Current.IsName("recursive"))
        {
            throw _tokens.Error("recursive loops are not supported");
        }

        _tokens.Expect(JinjaTokenKind.StatementEnd);
        var body = ParseBlock(["else", "endfor"], out var end);
        _tokens.Expect(JinjaTokenKind.StatementEnd);
        var otherwise = end == "else" ? ParseBody("endfor") : null;
        return s =>
        {
            IReadOnlyList<object?> items = JinjaValues.Iterate(iterable(s));
            if (filter is not null)
            {
                items = items.Where(item => JinjaValues.IsTruthy(filter(Bind(s.CreateChild(), targets, item)))).ToList();
            }

            if (items.Count == 0)
            {
                otherwise?.Invoke(s);
                return;
            }

            var loop = new JinjaLoop(items);
            for (var i = 0; i < items.Count; i++)
            {
                loop.Index0 = i;
                var scope = Bind(s.CreateChild(), targets, items[i]);
                scope.Set("loop", loop);
                try
                {
                    body(scope);
                }
                catch (JinjaLoopControl control) when (control.IsBreak)
                {
                    break;
                }
                catch (JinjaLoopControl)
                {
                    // continue: the next item.
                }
            }
        };
    }

    private JinjaStatement ParseSet()
    {
        var first = _tokens.ExpectName();
        if (_tokens.TryOperator("."))
        {
            var attribute = _tokens.ExpectName();
            _tokens.ExpectOperator("=");
            var value = _expressions.Parse();
            _tokens.Expect(JinjaTokenKind.StatementEnd);
            return s =>
            {
                if (s.Lookup(first) is not JinjaNamespace ns)
                {
                    throw new ChatTemplateException($"Chat template error: cannot set attribute '{attribute}' of '{first}', which is not a namespace.");
                }

                ns.Attributes[attribute] = value(s);
            };
        }

        var targets = new List<string> { first };
        while (_tokens.TryOperator(","))
        {
            targets.Add(_tokens.ExpectName());
        }

        if (_tokens.TryOperator("="))
        {
            var value = _expressions.Parse();
            _tokens.Expect(JinjaTokenKind.StatementEnd);
            return s => Bind(s, targets, value(s));
        }

        _tokens.Expect(JinjaTokenKind.StatementEnd);
        var body = ParseBody("endset");
        return s =>
        {
            var captured = new StringBuilder();
            body(s.CreateChild(captured));
            Bind(s, targets, captured.ToString());
        };
    }

    private List<string> ParseTargets()
    {
        var parenthesized = _tokens.TryOperator("(");
        var targets = new List<string> { _tokens.ExpectName() };
        while (_tokens.TryOperator(","))
        {
            targets.Add(_tokens.ExpectName());
        }

        if (parenthesized)
        {
            _tokens.ExpectOperator(")");
        }

        return targets;
    }

    private static JinjaScope Bind(JinjaScope scope, List<string> targets, object? value)
    {
        if (targets.Count == 1)
        {
            scope.Set(targets[0], value);
            return scope;
        }

        var items = JinjaValues.Iterate(value);
        if (items.Count != targets.Count)
        {
            throw new ChatTemplateException($"Chat template error: cannot unpack {items.Count} values into {targets.Count} names.");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            scope.Set(targets[i], items[i]);
        }

        return scope;
    }
}
