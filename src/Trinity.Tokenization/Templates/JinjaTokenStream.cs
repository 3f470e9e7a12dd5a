namespace Trinity.Tokenization.Templates;

/// <summary>A cursor over template tokens for the parsers, with errors that name the line.</summary>
internal sealed class JinjaTokenStream
{
    private readonly List<JinjaToken> _tokens;
    private int _index;

    public JinjaTokenStream(List<JinjaToken> tokens) => _tokens = tokens;

    public JinjaToken Current => _tokens[_index];

    public JinjaToken PeekAhead(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    public JinjaToken Next()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    public bool TryOperator(string value)
    {
        if (!Current.IsOperator(value))
        {
            return false;
        }

        Next();
        return true;
    }

    public bool TryName(string value)
    {
        if (!Current.IsName(value))
        {
            return false;
        }

        Next();
        return true;
    }

    public void ExpectOperator(string value)
    {
        if (!TryOperator(value))
        {
            throw Error($"expected '{value}', found {Current}");
        }
    }

    public string ExpectName()
    {
        if (Current.Kind != JinjaTokenKind.Name)
        {
            throw Error($"expected a name, found {Current}");
        }

        return Next().Value;
    }

    public void Expect(JinjaTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            throw Error($"expected {(kind == JinjaTokenKind.StatementEnd ? "'%}'" : kind == JinjaTokenKind.OutputEnd ? "'}}'" : kind.ToString())}, found {Current}");
        }

        Next();
    }

    public ChatTemplateException Error(string message) => new($"Chat template syntax error on line {Current.Line}: {message}.");
}
