using System.Globalization;

namespace Trinity.Grammar.Patterns;

/// <summary>
/// Parses the supported subset of ECMA-262 regular expressions (docs/STRUCTURED_OUTPUTS.md): literals, <c>.</c>,
/// classes <c>[a-z]</c> <c>[^...]</c>, escapes <c>\d \D \w \W \s \S \n \r \t \f \v \0 \xHH \uHHHH</c> and escaped
/// punctuation, groups <c>(...)</c> <c>(?:...)</c> <c>(?&lt;name&gt;...)</c>, <c>|</c>, quantifiers
/// <c>* + ? {n} {n,} {n,m}</c> (lazy forms match the same strings), <c>^</c> first and <c>$</c> last. Everything
/// else (backreferences, lookaround, <c>\b</c>, <c>\p{..}</c>, anchors elsewhere) is refused, because a grammar
/// cannot honour it or the subset leaves it out.
/// </summary>
internal sealed class PatternParser
{
    private const int MaxRepeat = 1000;

    private static readonly CodePointSet Digit = CodePointSet.Of(('0', '9'));
    private static readonly CodePointSet Word = CodePointSet.Of(('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z'));
    private static readonly CodePointSet Space = CodePointSet.Of(('\t', '\r'), (' ', ' '), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF));
    private static readonly CodePointSet Dot = CodePointSet.Of(('\n', '\n'), ('\r', '\r'), (0x2028, 0x2029)).Complement();

    private readonly string _text;
    private readonly string _path;
    private int _at;

    private PatternParser(string text, string path)
    {
        _text = text;
        _path = path;
    }

    public static ParsedPattern Parse(string pattern, string path)
    {
        var start = pattern.StartsWith('^');
        var end = pattern.EndsWith('$') && !(pattern.Length >= 2 && pattern[^2] == '\\' && (pattern.Length < 3 || pattern[^3] != '\\'));
        var body = pattern[(start ? 1 : 0)..(end ? pattern.Length - 1 : pattern.Length)];
        var parser = new PatternParser(body, path);
        var root = parser.Alternation();
        if (parser._at < body.Length)
        {
            throw parser.Error($"unexpected '{body[parser._at]}'");
        }

        return new ParsedPattern(root, start, end);
    }

    private PatternNode Alternation()
    {
        var branches = new List<PatternNode> { Sequence() };
        while (Peek('|'))
        {
            _at++;
            branches.Add(Sequence());
        }

        return branches.Count == 1 ? branches[0] : PatternNode.Alternation(branches);
    }

    private PatternNode Sequence()
    {
        var items = new List<PatternNode>();
        while (_at < _text.Length && _text[_at] != '|' && _text[_at] != ')')
        {
            items.Add(Quantified(Atom()));
        }

        return items.Count == 1 ? items[0] : PatternNode.Sequence(items);
    }

    private PatternNode Quantified(PatternNode atom)
    {
        if (_at >= _text.Length)
        {
            return atom;
        }

        (int Min, int? Max)? bounds = _text[_at] switch
        {
            '*' => (0, null),
            '+' => (1, null),
            '?' => (0, 1),
            '{' => Braces(),
            _ => null,
        };
        if (bounds is not { } b)
        {
            return atom;
        }

        _at++;
        if (Peek('?'))
        {
            _at++;
        }

        if (Peek('*') || Peek('+') || Peek('?') || Peek('{'))
        {
            throw Error("a quantifier cannot follow a quantifier");
        }

        return PatternNode.Repeat(atom, b.Min, b.Max);
    }

    /// <summary>Reads <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c>, leaving <see cref="_at"/> on the closing brace.</summary>
    private (int, int?) Braces()
    {
        var close = _text.IndexOf('}', _at);
        var parts = close < 0 ? [] : _text[(_at + 1)..close].Split(',');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            throw Error("a '{' that is not a {n,m} quantifier");
        }

        int? max = parts.Length == 1 ? min : parts[1].Length == 0 ? null : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : throw Error("bad {n,m}");
        if (max < min || min > MaxRepeat || max > MaxRepeat)
        {
            throw Error($"repeat counts must be ordered and at most {MaxRepeat}");
        }

        _at = close;
        return (min, max);
    }

    private PatternNode Atom()
    {
        var c = _text[_at++];
        switch (c)
        {
            case '(':
                if (Peek('?'))
                {
                    if (_text.AsSpan(_at).StartsWith("?:"))
                    {
                        _at += 2;
                    }
                    else if (_text.AsSpan(_at).StartsWith("?<") && _at + 2 < _text.Length && _text[_at + 2] is not ('=' or '!'))
                    {
                        _at = _text.IndexOf('>', _at) is var close and > 0 ? close + 1 : throw Error("unterminated group name");
                    }
                    else
                    {
                        throw Error("lookaround is not supported");
                    }
                }

                var inner = Alternation();
                if (!Peek(')'))
                {
                    throw Error("unbalanced '('");
                }

                _at++;
                return inner;
            case '[':
                return PatternNode.Chars(Class());
            case '.':
                return PatternNode.Chars(Dot);
            case '\\':
                return PatternNode.Chars(Escape(inClass: false));
            case '^' or '$':
                throw Error($"'{c}' is supported only at the very start or end");
            case ')' or '*' or '+' or '?' or '{' or '}' or ']':
                throw Error($"unexpected '{c}'");
            default:
                return PatternNode.Chars(CodePointSet.Single(ReadCodePoint(c)));
        }
    }

    private CodePointSet Class()
    {
        var negate = Peek('^');
        if (negate)
        {
            _at++;
        }

        var set = new CodePointSet();
        var first = true;
        while (_at < _text.Length && (_text[_at] != ']' || first))
        {
            first = false;
            var c = _text[_at++];
            var lowSet = c == '\\' ? Escape(inClass: true) : CodePointSet.Single(ReadCodePoint(c));
            if (Peek('-') && _at + 1 < _text.Length && _text[_at + 1] != ']')
            {
                _at++;
                var d = _text[_at++];
                var highSet = d == '\\' ? Escape(inClass: true) : CodePointSet.Single(ReadCodePoint(d));
                if (lowSet.Ranges is not [var lo] || lo.Lo != lo.Hi || highSet.Ranges is not [var hi] || hi.Lo != hi.Hi || hi.Lo < lo.Lo)
                {
                    throw Error("bad class range");
                }

                set.Add(lowSet.Ranges[0].Lo, highSet.Ranges[0].Lo);
            }
            else
            {
                set.AddAll(lowSet);
            }
        }

        if (!Peek(']'))
        {
            throw Error("unterminated '['");
        }

        _at++;
        return negate ? set.Complement() : set;
    }

    private CodePointSet Escape(bool inClass)
    {
        if (_at >= _text.Length)
        {
            throw Error("trailing '\\'");
        }

        var c = _text[_at++];
        return c switch
        {
            'd' => Digit,
            'D' => Digit.Complement(),
            'w' => Word,
            'W' => Word.Complement(),
            's' => Space,
            'S' => Space.Complement(),
            'n' => CodePointSet.Single('\n'),
            'r' => CodePointSet.Single('\r'),
            't' => CodePointSet.Single('\t'),
            'f' => CodePointSet.Single('\f'),
            'v' => CodePointSet.Single('\v'),
            '0' => CodePointSet.Single(0),
            'b' when inClass => CodePointSet.Single('\b'),
            'x' => CodePointSet.Single(Hex(2)),
            'u' => CodePointSet.Single(Hex(4)),
            _ when char.IsAsciiLetterOrDigit(c) => throw Error($"'\\{c}' is not supported"),
            _ => CodePointSet.Single(c),
        };
    }

    private int Hex(int digits)
    {
        if (_at + digits > _text.Length || !int.TryParse(_text.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("bad hex escape");
        }

        _at += digits;
        return value;
    }

    private int ReadCodePoint(char c)
    {
        if (char.IsHighSurrogate(c) && _at < _text.Length && char.IsLowSurrogate(_text[_at]))
        {
            return char.ConvertToUtf32(c, _text[_at++]);
        }

        return c;
    }

    private bool Peek(char c) => _at < _text.Length && _text[_at] == c;

    private GrammarCompileException Error(string reason) => new("pattern", _path, $"{reason} in /{_text}/");
}
