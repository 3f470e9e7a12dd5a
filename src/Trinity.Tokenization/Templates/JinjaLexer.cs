using System.Text.RegularExpressions;

namespace Trinity.Tokenization.Templates;

/// <summary>Splits a template into text and tag tokens with the whitespace rules Hugging Face renders chat templates
/// under: <c>trim_blocks</c> and <c>lstrip_blocks</c> on, newlines normalized, one trailing newline dropped, and
/// <c>-</c> / <c>+</c> whitespace control on tags.</summary>
internal sealed partial class JinjaLexer
{
    private static readonly string[] Operators = ["//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|"];

    private readonly string _source;
    private readonly List<JinjaToken> _tokens = [];
    private readonly List<int> _lineStarts = [0];
    private int _position;
    private bool _stripNextText;
    private bool _lineStarting = true;

    private JinjaLexer(string source)
    {
        _source = source;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public static List<JinjaToken> Tokenize(string source)
    {
        var normalized = NewlinePattern().Replace(source, "\n");
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized[..^1];
        }

        var lexer = new JinjaLexer(normalized);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (true)
        {
            var tagStart = NextTagStart(_position);
            var text = _source[_position..(tagStart < 0 ? _source.Length : tagStart)];
            if (_stripNextText)
            {
                text = text.TrimStart();
                _stripNextText = false;
            }

            if (tagStart < 0)
            {
                AddText(text, _position);
                _tokens.Add(new JinjaToken(JinjaTokenKind.End, string.Empty, LineAt(_source.Length)));
                return;
            }

            var kind = _source[tagStart + 1];
            var inner = tagStart + 2;
            var modifier = inner < _source.Length ? _source[inner] : '\0';
            if (modifier == '-')
            {
                text = text.TrimEnd();
                inner++;
            }
            else if (modifier == '+' && kind != '{')
            {
                inner++;
            }
            else if (kind != '{')
            {
                text = StripLineIndent(text);
            }

            AddText(text, _position);
            _position = inner;
            if (kind == '#')
            {
                SkipComment(tagStart);
            }
            else
            {
                LexTag(kind == '{', tagStart);
            }
        }
    }

    /// <summary>lstrip_blocks: spaces and tabs between a line start and a block tag go.</summary>
    private string StripLineIndent(string text)
    {
        var lineStart = text.LastIndexOf('\n') + 1;
        if ((lineStart > 0 || _lineStarting) && text.AsSpan(lineStart).IsWhiteSpace())
        {
            return text[..lineStart];
        }

        return text;
    }

    private void SkipComment(int tagStart)
    {
        var inner = _position;
        var end = _source.IndexOf("#}", inner, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("comment is not closed with '#}'", tagStart);
        }

        var marker = end > inner ? _source[end - 1] : '\0';
        _position = end + 2;
        CloseBlockTag(stripAfter: marker == '-', keepNewline: marker == '+');
    }

    /// <summary>After <c>%}</c> or <c>#}</c>: <c>-</c> strips all following white space, <c>+</c> keeps it, otherwise
    /// trim_blocks drops one newline.</summary>
    private void CloseBlockTag(bool stripAfter, bool keepNewline = false)
    {
        if (stripAfter)
        {
            StripFollowingWhiteSpace();
        }
        else if (!keepNewline && _position < _source.Length && _source[_position] == '\n')
        {
            _position++;
            _lineStarting = true;
        }
        else
        {
            _lineStarting = false;
        }
    }

    /// <summary>After a <c>-</c> close: the next text loses its leading white space; a line starts if that ended in a newline.</summary>
    private void StripFollowingWhiteSpace()
    {
        _stripNextText = true;
        var next = _position;
        while (next < _source.Length && char.IsWhiteSpace(_source[next]))
        {
            next++;
        }

        _lineStarting = next > _position && _source[next - 1] == '\n';
    }

    private void LexTag(bool isOutput, int tagStart)
    {
        var tagTokenIndex = _tokens.Count;
        _tokens.Add(new JinjaToken(isOutput ? JinjaTokenKind.OutputBegin : JinjaTokenKind.StatementBegin, isOutput ? "{{" : "{%", LineAt(tagStart)));
        var depth = 0;
        while (true)
        {
            while (_position < _source.Length && char.IsWhiteSpace(_source[_position]))
            {
                _position++;
            }

            if (_position >= _source.Length)
            {
                throw Error($"tag is not closed with '{(isOutput ? "}}" : "%}")}'", tagStart);
            }

            if (TryCloseTag(isOutput, depth))
            {
                break;
            }

            var c = _source[_position];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                LexName();
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (c is '\'' or '"')
            {
                LexString(c);
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(_source, _position, o, 0, o.Length) == 0)
                    ?? throw Error($"unexpected character '{c}'", _position);
                depth += op is "(" or "[" or "{" ? 1 : op is ")" or "]" or "}" ? -1 : 0;
                _tokens.Add(new JinjaToken(JinjaTokenKind.Operator, op, LineAt(_position)));
                _position += op.Length;
            }
        }

        if (!isOutput && _tokens.Count == tagTokenIndex + 3 && _tokens[tagTokenIndex + 1].IsName("raw"))
        {
            LexRaw(tagTokenIndex);
        }
    }

    private bool TryCloseTag(bool isOutput, int depth)
    {
        var close = isOutput ? "}}" : "%}";
        var marker = _source[_position];
        var marked = (marker == '-' || (marker == '+' && !isOutput)) && string.CompareOrdinal(_source, _position + 1, close, 0, 2) == 0;
        if (!marked && (string.CompareOrdinal(_source, _position, close, 0, 2) != 0 || (isOutput && depth > 0)))
        {
            return false;
        }

        // The raw opening tag never trims the newline after it (Jinja's raw rule has no trim_blocks suffix).
        var isRaw = !isOutput && _tokens.Count >= 2 && _tokens[^1].IsName("raw") && _tokens[^2].Kind == JinjaTokenKind.StatementBegin;
        _tokens.Add(new JinjaToken(isOutput ? JinjaTokenKind.OutputEnd : JinjaTokenKind.StatementEnd, close, LineAt(_position)));
        _position += marked ? 3 : 2;
        var strip = marked && marker == '-';
        if (isOutput && strip)
        {
            StripFollowingWhiteSpace();
        }
        else if (isOutput)
        {
            _lineStarting = false;
        }
        else
        {
            CloseBlockTag(strip, keepNewline: marker == '+' || isRaw);
        }

        return true;
    }

    /// <summary><c>{% raw %}...{% endraw %}</c>: the text in between is output as is.</summary>
    private void LexRaw(int tagTokenIndex)
    {
        _tokens.RemoveRange(tagTokenIndex, 3);
        var end = EndRawPattern().Match(_source, _position);
        if (!end.Success)
        {
            throw Error("'raw' block is not closed with '{% endraw %}'", _position);
        }

        var text = _source[_position..end.Index];
        if (end.Groups[1].Value == "-")
        {
            text = text.TrimEnd();
        }

        AddText(text, _position);
        _position = end.Index + end.Length;
        CloseBlockTag(end.Groups[2].Value == "-");
    }

    private void LexName()
    {
        var start = _position;
        while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] == '_'))
        {
            _position++;
        }

        _tokens.Add(new JinjaToken(JinjaTokenKind.Name, _source[start.._position], LineAt(start)));
    }

    private void LexNumber()
    {
        var match = NumberPattern().Match(_source, _position);
        var text = match.Value.Replace("_", string.Empty, StringComparison.Ordinal);
        var isFloat = text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase);
        _tokens.Add(new JinjaToken(isFloat ? JinjaTokenKind.Float : JinjaTokenKind.Integer, text, LineAt(_position)));
        _position += match.Length;
    }

    private void LexString(char quote)
    {
        var start = _position;
        var value = JinjaStringLiteral.Read(_source, ref _position, quote, message => Error(message, start));
        _tokens.Add(new JinjaToken(JinjaTokenKind.String, value, LineAt(start)));
    }

    private void AddText(string text, int position)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new JinjaToken(JinjaTokenKind.Text, text, LineAt(position)));
        }
    }

    private int NextTagStart(int from)
    {
        var index = from;
        while (true)
        {
            index = _source.IndexOf('{', index);
            if (index < 0 || index + 1 >= _source.Length)
            {
                return -1;
            }

            if (_source[index + 1] is '{' or '%' or '#')
            {
                return index;
            }

            index++;
        }
    }

    private int LineAt(int position)
    {
        var index = _lineStarts.BinarySearch(position);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private ChatTemplateException Error(string message, int position) => new($"Chat template syntax error on line {LineAt(position)}: {message}.");

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex NewlinePattern();

    [GeneratedRegex(@"\G[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9]+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\{%(-?)\s*endraw\s*(-?)%\}")]
    private static partial Regex EndRawPattern();
}
