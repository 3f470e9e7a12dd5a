using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary>The filters of <c>value | name(args)</c>: Jinja's built-ins that chat templates use, and Hugging Face's
/// <c>tojson</c> (no HTML escaping, <c>ensure_ascii=False</c>).</summary>
internal static class JinjaFilters
{
    private static readonly Dictionary<string, Func<object?, JinjaArguments, object?>> Filters = new(StringComparer.Ordinal)
    {
        ["trim"] = (v, a) => JinjaMethods.Strip(Text(v), a, start: true, end: true),
        ["length"] = (v, _) => JinjaValues.Length(v),
        ["count"] = (v, _) => JinjaValues.Length(v),
        ["upper"] = (v, _) => Text(v).ToUpperInvariant(),
        ["lower"] = (v, _) => Text(v).ToLowerInvariant(),
        ["title"] = (v, _) => Title(Text(v)),
        ["capitalize"] = (v, _) => Capitalize(Text(v)),
        ["default"] = Default,
        ["d"] = Default,
        ["tojson"] = (v, a) => JinjaJson.Serialize(v, a.Get(0, "indent") is long indent ? (int)indent : null),
        ["string"] = (v, _) => JinjaText.ToText(v),
        ["safe"] = (v, _) => v,
        ["escape"] = (v, _) => WebUtility.HtmlEncode(JinjaText.ToText(v)),
        ["e"] = (v, _) => WebUtility.HtmlEncode(JinjaText.ToText(v)),
        ["list"] = (v, _) => JinjaValues.Iterate(v).ToList(),
        ["first"] = (v, _) => JinjaValues.Iterate(v) is { Count: > 0 } items ? items[0] : new JinjaUndefined("first"),
        ["last"] = (v, _) => JinjaValues.Iterate(v) is { Count: > 0 } items ? items[^1] : new JinjaUndefined("last"),
        ["reverse"] = (v, _) => v is string s ? string.Concat(JinjaValues.Characters(s).Cast<string>().Reverse()) : JinjaValues.Iterate(v).Reverse().ToList(),
        ["unique"] = (v, _) => Unique(JinjaValues.Iterate(v)),
        ["join"] = (v, a) => string.Join(Text(a.Get(0, "d", string.Empty)), Attribute(JinjaValues.Iterate(v), a.Get(1, "attribute")).Select(JinjaText.ToText)),
        ["items"] = (v, _) => v is OrderedDictionary<string, object?> d ? d.Select(p => (object?)new object?[] { p.Key, p.Value }).ToList() : v is JinjaUndefined ? new List<object?>() : throw NotA("dict", v),
        ["dictsort"] = (v, _) => v is OrderedDictionary<string, object?> d ? d.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => (object?)new object?[] { p.Key, p.Value }).ToList() : throw NotA("dict", v),
        ["int"] = (v, a) => ToInteger(v, a.Get(0, "default", 0L)),
        ["float"] = (v, a) => v is string s ? (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : a.Get(0, "default", 0.0)) : JinjaValues.IsNumber(v) ? JinjaValues.ToDouble(v) : a.Get(0, "default", 0.0),
        ["abs"] = (v, _) => v is long l ? (object)Math.Abs(l) : Math.Abs(JinjaValues.ToDouble(v)),
        ["round"] = (v, a) => Math.Round(JinjaValues.ToDouble(v), (int)(a.Get(0, "precision", 0L) is long p ? p : 0), MidpointRounding.AwayFromZero),
        ["replace"] = (v, a) => JinjaMethods.Replace(Text(v), a),
        ["indent"] = Indent,
        ["wordcount"] = (v, _) => (long)Text(v).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
        ["sum"] = (v, a) => Attribute(JinjaValues.Iterate(v), a.Get(0, "attribute")).Aggregate(a.Get(1, "start", 0L), (total, item) => JinjaOperators.Add(total, item)),
        ["min"] = (v, _) => JinjaValues.Iterate(v).DefaultIfEmpty(new JinjaUndefined("min")).Aggregate((x, y) => JinjaValues.Compare(y, x) < 0 ? y : x),
        ["max"] = (v, _) => JinjaValues.Iterate(v).DefaultIfEmpty(new JinjaUndefined("max")).Aggregate((x, y) => JinjaValues.Compare(y, x) > 0 ? y : x),
        ["sort"] = Sort,
        ["select"] = (v, a) => SelectByTest(v, a, keep: true, byAttribute: false),
        ["reject"] = (v, a) => SelectByTest(v, a, keep: false, byAttribute: false),
        ["selectattr"] = (v, a) => SelectByTest(v, a, keep: true, byAttribute: true),
        ["rejectattr"] = (v, a) => SelectByTest(v, a, keep: false, byAttribute: true),
        ["map"] = Map,
    };

    public static bool Exists(string name) => Filters.ContainsKey(name);

    public static object? Apply(string name, object? value, JinjaArguments arguments) =>
        Filters.TryGetValue(name, out var filter)
            ? filter(value, arguments)
            : throw new ChatTemplateException($"Chat template error: unknown filter '{name}'.");

    public static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var previousIsLetter = false;
        foreach (var c in text)
        {
            builder.Append(previousIsLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousIsLetter = char.IsLetter(c);
        }

        return builder.ToString();
    }

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();

    private static string Text(object? value) => value switch
    {
        string s => s,
        JinjaUndefined u => throw u.Error(),
        _ => JinjaText.ToText(value),
    };

    private static object? Default(object? value, JinjaArguments args)
    {
        var useDefault = value is JinjaUndefined || (JinjaValues.IsTruthy(args.Get(1, "boolean", false)) && !JinjaValues.IsTruthy(value));
        return useDefault ? args.Get(0, "default_value", string.Empty) : value;
    }

    private static object? ToInteger(object? value, object? fallback) => value switch
    {
        long l => l,
        bool b => b ? 1L : 0L,
        double d => (long)Math.Truncate(d),
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (long)Math.Truncate(d),
        _ => fallback,
    };

    private static List<object?> Unique(IReadOnlyList<object?> items)
    {
        var result = new List<object?>();
        foreach (var item in items.Where(item => !result.Any(seen => JinjaValues.AreEqual(seen, item))))
        {
            result.Add(item);
        }

        return result;
    }

    private static IEnumerable<object?> Attribute(IEnumerable<object?> items, object? attribute) =>
        attribute is string name ? items.Select(item => JinjaAccess.GetAttribute(item, name)) : items;

    private static object? Indent(object? value, JinjaArguments args)
    {
        var width = args.Get(0, "width", 4L) is long w ? new string(' ', (int)w) : JinjaText.ToText(args.Get(0, "width"));
        var first = JinjaValues.IsTruthy(args.Get(1, "first", false));
        var blank = JinjaValues.IsTruthy(args.Get(2, "blank", false));
        var lines = Text(value).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if ((i > 0 || first) && (blank || lines[i].Length > 0))
            {
                lines[i] = width + lines[i];
            }
        }

        return string.Join('\n', lines);
    }

    private static object? Sort(object? value, JinjaArguments args)
    {
        var reverse = JinjaValues.IsTruthy(args.Get(0, "reverse", false));
        var caseSensitive = JinjaValues.IsTruthy(args.Get(1, "case_sensitive", false));
        var attribute = args.Get(2, "attribute");
        var items = JinjaValues.Iterate(value).ToList();
        object? Key(object? item)
        {
            var key = attribute is string name ? JinjaAccess.GetAttribute(item, name) : item;
            return !caseSensitive && key is string s ? s.ToLowerInvariant() : key;
        }

        var sorted = items.OrderBy(Key, Comparer<object?>.Create(JinjaValues.Compare)).ToList();
        if (reverse)
        {
            sorted.Reverse();
        }

        return sorted;
    }

    private static object? SelectByTest(object? value, JinjaArguments args, bool keep, bool byAttribute)
    {
        var offset = byAttribute ? 1 : 0;
        var attribute = byAttribute ? Text(args.Get(0, "attribute")) : null;
        var test = args.Positional.Count > offset ? Text(args.Positional[offset]) : null;
        var testArguments = args.Positional.Skip(offset + 1).ToList();
        return JinjaValues.Iterate(value).Where(item =>
        {
            var subject = attribute is null ? item : JinjaAccess.GetAttribute(item, attribute);
            var passed = test is null ? JinjaValues.IsTruthy(subject) : JinjaTests.Run(test, subject, testArguments);
            return passed == keep;
        }).ToList();
    }

    private static object? Map(object? value, JinjaArguments args)
    {
        var items = JinjaValues.Iterate(value);
        if (args.Named.TryGetValue("attribute", out var attribute))
        {
            var fallback = args.Named.GetValueOrDefault("default");
            return items.Select(item => JinjaAccess.GetAttribute(item, Text(attribute)) is JinjaUndefined && fallback is not null
                ? fallback
                : JinjaAccess.GetAttribute(item, Text(attribute))).ToList();
        }

        var filter = Text(args.Get(0, "filter"));
        var rest = new JinjaArguments(args.Positional.Skip(1).ToList(), args.Named);
        return items.Select(item => Apply(filter, item, rest)).ToList();
    }

    private static ChatTemplateException NotA(string expected, object? value) =>
        new($"Chat template error: expected a {expected}, got {JinjaValues.TypeName(value)}.");
}
