using System.Collections;

namespace Trinity.Tokenization.Templates;

/// <summary>The Python methods chat templates call on strings and dicts (<c>content.strip()</c>,
/// <c>content.split('&lt;/think&gt;')</c>, <c>tool.get('name')</c>), bound to their target.</summary>
internal static class JinjaMethods
{
    public static object? ForString(string text, string name) => name switch
    {
        "strip" => Bind(args => Strip(text, args, start: true, end: true)),
        "lstrip" => Bind(args => Strip(text, args, start: true, end: false)),
        "rstrip" => Bind(args => Strip(text, args, start: false, end: true)),
        "lower" => Bind(_ => text.ToLowerInvariant()),
        "upper" => Bind(_ => text.ToUpperInvariant()),
        "title" => Bind(_ => JinjaFilters.Title(text)),
        "capitalize" => Bind(_ => JinjaFilters.Capitalize(text)),
        "startswith" => Bind(args => Affix(args, prefix => text.StartsWith(prefix, StringComparison.Ordinal))),
        "endswith" => Bind(args => Affix(args, suffix => text.EndsWith(suffix, StringComparison.Ordinal))),
        "split" => Bind(args => Split(text, args, fromRight: false)),
        "rsplit" => Bind(args => Split(text, args, fromRight: true)),
        "replace" => Bind(args => Replace(text, args)),
        "find" => Bind(args => (long)text.IndexOf(ArgumentText(args, 0), StringComparison.Ordinal)),
        "count" => Bind(args => (long)CountOccurrences(text, ArgumentText(args, 0))),
        "join" => Bind(args => string.Join(text, JinjaValues.Iterate(args.Get(0, "iterable")).Select(JinjaText.ToText))),
        "isdigit" => Bind(_ => text.Length > 0 && text.All(char.IsDigit)),
        "isspace" => Bind(_ => text.Length > 0 && text.All(char.IsWhiteSpace)),
        _ => new JinjaUndefined(name),
    };

    public static object? ForDictionary(OrderedDictionary<string, object?> dict, string name) => name switch
    {
        "items" => Bind(_ => dict.Select(pair => (object?)new object?[] { pair.Key, pair.Value }).ToList()),
        "keys" => Bind(_ => dict.Keys.Cast<object?>().ToList()),
        "values" => Bind(_ => dict.Values.ToList()),
        "get" => Bind(args => dict.TryGetValue(ArgumentText(args, 0), out var value) ? value : args.Get(1, "default")),
        _ => new JinjaUndefined(name),
    };

    public static object? ForList(IList<object?> list, string name) => name switch
    {
        "index" => Bind(args => (long)list.Cast<object?>().ToList().FindIndex(item => JinjaValues.AreEqual(item, args.Get(0, "value")))),
        "count" => Bind(args => (long)list.Cast<object?>().Count(item => JinjaValues.AreEqual(item, args.Get(0, "value")))),
        _ => new JinjaUndefined(name),
    };

    private static JinjaCallable Bind(JinjaCallable method) => method;

    private static string ArgumentText(JinjaArguments args, int index) =>
        args.Get(index, string.Empty) as string
        ?? throw new ChatTemplateException($"Chat template error: argument {index + 1} must be a string.");

    internal static string Strip(string text, JinjaArguments args, bool start, bool end)
    {
        var chars = args.Get(0, "chars");
        if (chars is null or JinjaUndefined)
        {
            return start && end ? text.Trim() : start ? text.TrimStart() : text.TrimEnd();
        }

        var set = JinjaText.ToText(chars).ToCharArray();
        return start && end ? text.Trim(set) : start ? text.TrimStart(set) : text.TrimEnd(set);
    }

    private static bool Affix(JinjaArguments args, Func<string, bool> test) => args.Get(0, "prefix") switch
    {
        string s => test(s),
        IList<object?> options => options.Cast<object?>().OfType<string>().Any(test),
        var other => throw new ChatTemplateException($"Chat template error: startswith/endswith needs a string, got {JinjaValues.TypeName(other)}."),
    };

    private static List<object?> Split(string text, JinjaArguments args, bool fromRight)
    {
        var separator = args.Get(0, "sep");
        var maxSplit = args.Get(1, "maxsplit") is { } m and not JinjaUndefined ? (int)JinjaValues.ToDouble(m) : -1;
        string[] parts;
        if (separator is null or JinjaUndefined)
        {
            parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            var sep = JinjaText.ToText(separator);
            parts = text.Split(sep);
        }

        if (maxSplit >= 0 && parts.Length > maxSplit + 1)
        {
            var joiner = separator is string s ? s : " ";
            parts = fromRight
                ? [string.Join(joiner, parts[..^maxSplit]), .. parts[^maxSplit..]]
                : [.. parts[..maxSplit], string.Join(joiner, parts[maxSplit..])];
        }

        return parts.Cast<object?>().ToList();
    }

    internal static string Replace(string text, JinjaArguments args)
    {
        var old = ArgumentText(args, 0);
        var replacement = ArgumentText(args, 1);
        var count = args.Get(2, "count") is long c ? c : -1;
        if (count < 0 || old.Length == 0)
        {
            return text.Replace(old, replacement, StringComparison.Ordinal);
        }

        var result = text;
        var from = 0;
        for (var i = 0; i < count; i++)
        {
            var index = result.IndexOf(old, from, StringComparison.Ordinal);
            if (index < 0)
            {
                break;
            }

            result = string.Concat(result.AsSpan(0, index), replacement, result.AsSpan(index + old.Length));
            from = index + replacement.Length;
        }

        return result;
    }

    private static int CountOccurrences(string text, string sub)
    {
        if (sub.Length == 0)
        {
            return text.Length + 1;
        }

        var count = 0;
        for (var index = text.IndexOf(sub, StringComparison.Ordinal); index >= 0; index = text.IndexOf(sub, index + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
