using Trinity.Tokenization.Templates;

namespace Trinity.Tests.Tokenization.Templates;

/// <summary>The Jinja subset against Jinja2's documented behaviour under Hugging Face's settings
/// (trim_blocks, lstrip_blocks, no trailing newline).</summary>
public sealed class JinjaTemplateTests
{
    [Theory]
    [InlineData("<ul>\n  {% for x in items %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>", "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>")]
    [InlineData("a  {{- 'b' -}}  c", "abc")]
    [InlineData("x\n{# comment #}\ny", "x\ny")]
    [InlineData("x\n    {# indented comment #}\ny", "x\ny")]
    [InlineData("{% if true %}\nyes\n{% endif %}\n", "yes\n")]
    [InlineData("{% if true +%}\nkept{%+ endif %}", "\nkept")]
    [InlineData("line\r\nnext\rlast\n", "line\nnext\nlast")]
    [InlineData("{% raw %}{{ not evaluated }}{% endraw %}", "{{ not evaluated }}")]
    public void Render_WhitespaceRules_MatchJinja(string source, string expected) =>
        Assert.Equal(expected, Render(source, ("items", new List<object?> { 1L, 2L })));

    [Theory]
    [InlineData("{{ 'a' + ' b ' | trim }}", "ab")]
    [InlineData("{{ 7 // 2 }} {{ 7 / 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 'ab' * 2 }} {{ 1 ~ 'x' }}", "3 3.5 -4 1 2 1024 abab 1x")]
    [InlineData("{{ none }}|{{ true }}|{{ 1.0 }}|{{ 0.1 + 0.2 }}|{{ [1, 'a', none] }}|{{ {'k': 'v'} }}|{{ missing }}", "None|True|1.0|0.30000000000000004|[1, 'a', None]|{'k': 'v'}|")]
    [InlineData("{{ [1, 2, 3, 4][1:] }}{{ 'hello'[::-1] }}{{ [1, 2, 3][-1] }}{{ 'a😀b'[1] }}{{ [1, 2, 3][:-1] }}", "[2, 3, 4]olleh3😀[1, 2]")]
    [InlineData("{{ x is defined }}{{ none is none }}{{ 'a' is string }}{{ 9 is divisibleby 3 }}{{ {} is mapping }}{{ 3 is not odd }}", "FalseTrueTrueTrueTrueFalse")]
    [InlineData("{{ 'y' if 0 else 'n' }}{{ 'y' if 'x' }}{{ 1 < 2 < 3 }}{{ 3 > 2 > 2 }}{{ 'b' in 'abc' }}{{ 2 not in [1, 3] }}", "nyTrueFalseTrueTrue")]
    [InlineData("{{ not 1 == 2 }}{{ none or 'd' }}{{ 0 and 1 }}{{ (1, 2) }}{{ (1,) }}", "Trued0(1, 2)(1,)")]
    [InlineData("{{ {'a': [1, 2.5, none, true], 'b': 'é\"\\n'} | tojson }}", "{\"a\": [1, 2.5, null, true], \"b\": \"é\\\"\\n\"}")]
    [InlineData("{{ {'a': {'b': []}} | tojson(indent=2) }}", "{\n  \"a\": {\n    \"b\": []\n  }\n}")]
    [InlineData("{{ ' x '.strip() }}{{ 'a,b'.split(',') }}{{ 'abc'.startswith(('x', 'ab')) }}{{ 'a b  c'.split() }}{{ 'x'.upper() }}", "x['a', 'b']True['a', 'b', 'c']X")]
    [InlineData("{{ [1, 2, 3, 4] | select('odd') | join(',') }}{{ [1, 2, 3] | reject('equalto', 2) | list }}{{ [3, 1, 2] | sort | first }}", "1,3[1, 3]1")]
    [InlineData("{{ {'b': 1, 'a': 2} | dictsort }}{{ {'k': 'v'} | items | list }}{{ [1, 1, 2] | unique | length }}", "[('a', 2), ('b', 1)][('k', 'v')]2")]
    [InlineData("{{ missing | default('d') }}{{ '' | default('e', true) }}{{ 'Hello World' | lower | title }}{{ '  a  ' | trim | length }}", "deHello World1")]
    [InlineData("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}", "a=1;b=2;")]
    [InlineData("{% for c in 'abc' %}{{ loop.index0 }}{{ c }}{% if not loop.last %},{% endif %}{% endfor %}", "0a,1b,2c")]
    [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}{% for x in [1, 2, 3, 4] if x is even %}{{ x }}{% endfor %}", "empty24")]
    [InlineData("{% for x in [1, 2, 3] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 3 %}{% break %}{% endif %}{{ x }}{% endfor %}", "1")]
    [InlineData("{% set x = 1 %}{% for i in [1, 2] %}{% set x = i %}{% endfor %}{{ x }}", "1")]
    [InlineData("{% set ns = namespace(found=false) %}{% for i in [1, 2] %}{% if i == 2 %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}", "True")]
    [InlineData("{% set a, b = [1, 2] %}{{ b }}{{ a }}{% set block %}in{{ 'side' }}{% endset %}{{ block }}", "21inside")]
    [InlineData("{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Bo') }} {{ greet('Al', punct='?') }}", "Hi Bo! Hi Al?")]
    [InlineData("{{ range(3) | list }}{{ range(1, 7, 2) | join('') }}{{ users | map(attribute='name') | join(', ') }}", "[0, 1, 2]135Ann, Bob")]
    [InlineData("{{ users | selectattr('name', 'equalto', 'Bob') | map(attribute='name') | first }}{{ users[0].name }}{{ users[1]['name'] }}", "BobAnnBob")]
    public void Render_Expressions_MatchJinja(string source, string expected)
    {
        var users = new List<object?>
        {
            new OrderedDictionary<string, object?> { ["name"] = "Ann" },
            new OrderedDictionary<string, object?> { ["name"] = "Bob" },
        };

        Assert.Equal(expected, Render(source, ("users", users)));
    }

    [Fact]
    public void Render_RaiseException_ThrowsWithTemplateMessageMarkedAsRaised()
    {
        var error = Assert.Throws<ChatTemplateException>(() => Render("{{ raise_exception('Only user and assistant roles!') }}"));

        Assert.Equal("Only user and assistant roles!", error.Message);
        Assert.True(error.RaisedByTemplate);
    }

    [Theory]
    [InlineData("{% include 'other.jinja' %}", "line 1: unsupported tag 'include'")]
    [InlineData("a\n{% if x %}b", "missing '{% endif %}'")]
    [InlineData("{{ x | nosuchfilter }}", "unsupported filter 'nosuchfilter'")]
    [InlineData("{{ x is nosuchtest }}", "unsupported test 'nosuchtest'")]
    [InlineData("{{ 'unclosed }}", "string literal is not closed")]
    [InlineData("{{ x ", "tag is not closed")]
    [InlineData("{# open comment", "comment is not closed")]
    [InlineData("{% for x in %}{% endfor %}", "line 1: unexpected")]
    [InlineData("{% for x in y recursive %}{% endfor %}", "recursive loops are not supported")]
    public void Parse_UnsupportedOrMalformedSyntax_ThrowsWithClearMessage(string source, string expectedFragment)
    {
        var error = Assert.Throws<ChatTemplateException>(() => JinjaTemplate.Parse(source));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
        Assert.False(error.RaisedByTemplate);
    }

    [Theory]
    [InlineData("{% for i in range(100000000) %}{% endfor %}", "range() longer than")]
    [InlineData("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "nests deeper than")]
    [InlineData("{{ missing.attribute }}", "'missing' is undefined")]
    [InlineData("{{ 'a' + 1 }}", "unsupported operand types for +: str and int")]
    [InlineData("{{ 1 // 0 }}", "division by zero")]
    [InlineData("{% break %}", "outside a loop")]
    public void Render_RunawayOrInvalidOperations_ThrowInsteadOfHanging(string source, string expectedFragment)
    {
        var template = JinjaTemplate.Parse(source);

        var error = Assert.Throws<ChatTemplateException>(() => template.Render(new Dictionary<string, object?>()));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeOutput_StopsAtOutputLimit()
    {
        var template = JinjaTemplate.Parse("{% for i in range(100000) %}{{ text }}{% endfor %}");
        var variables = new Dictionary<string, object?> { ["text"] = new string('x', 1000) };

        var error = Assert.Throws<ChatTemplateException>(() => template.Render(variables));

        Assert.Contains("output exceeds", error.Message, StringComparison.Ordinal);
    }

    private static string Render(string source, params (string Name, object? Value)[] variables) =>
        JinjaTemplate.Parse(source).Render(variables.ToDictionary(v => v.Name, v => v.Value));
}
