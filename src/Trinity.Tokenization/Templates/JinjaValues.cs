using System.Collections;

namespace Trinity.Tokenization.Templates;

/// <summary>Python semantics of template values. The value model: null (None), <see cref="JinjaUndefined"/>, bool,
/// long, double, string, <see cref="List{T}"/> (list), object?[] (tuple), <see cref="OrderedDictionary{TKey,TValue}"/>
/// with string keys (dict), <see cref="JinjaNamespace"/>, <see cref="JinjaLoop"/> and <see cref="JinjaCallable"/>.</summary>
internal static class JinjaValues
{
    public static bool IsTruthy(object? value) => value switch
    {
        null or JinjaUndefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new ChatTemplateException($"Chat template error: expected a number, got {TypeName(value)}."),
    };

    public static bool AreEqual(object? left, object? right)
    {
        if (left is JinjaUndefined || right is JinjaUndefined)
        {
            return left is JinjaUndefined && right is JinjaUndefined;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return left is long a && right is long b ? a == b : ToDouble(left) == ToDouble(right);
        }

        return (left, right) switch
        {
            (null, null) => true,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (IList<object?> a, IList<object?> b) => a.Count == b.Count && Enumerable.Range(0, a.Count).All(i => AreEqual(a[i], b[i])),
            (OrderedDictionary<string, object?> a, OrderedDictionary<string, object?> b) =>
                a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && AreEqual(pair.Value, other)),
            _ => ReferenceEquals(left, right),
        };
    }

    public static int Compare(object? left, object? right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return left is long a && right is long b ? a.CompareTo(b) : ToDouble(left).CompareTo(ToDouble(right));
        }

        if (left is string x && right is string y)
        {
            return string.CompareOrdinal(x, y);
        }

        throw new ChatTemplateException($"Chat template error: cannot compare {TypeName(left)} with {TypeName(right)}.");
    }

    /// <summary><c>item in container</c>.</summary>
    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string sub => s.Contains(sub, StringComparison.Ordinal),
        string => throw new ChatTemplateException($"Chat template error: 'in <string>' needs a string, got {TypeName(item)}."),
        OrderedDictionary<string, object?> d => item is string key && d.ContainsKey(key),
        JinjaNamespace n => item is string key && n.Attributes.ContainsKey(key),
        IList<object?> list => list.Cast<object?>().Any(element => AreEqual(element, item)),
        JinjaUndefined u => throw u.Error(),
        _ => throw new ChatTemplateException($"Chat template error: {TypeName(container)} is not a container."),
    };

    /// <summary>What <c>for</c> walks: list and tuple items, dict keys, string characters; undefined is empty.</summary>
    public static IReadOnlyList<object?> Iterate(object? value) => value switch
    {
        JinjaUndefined => [],
        IList<object?> list => list.Cast<object?>().ToList(),
        OrderedDictionary<string, object?> d => d.Keys.Cast<object?>().ToList(),
        string s => Characters(s),
        _ => throw new ChatTemplateException($"Chat template error: {TypeName(value)} is not iterable."),
    };

    public static long Length(object? value) => value switch
    {
        string s => Characters(s).Count,
        ICollection c => c.Count,
        JinjaUndefined => 0,
        _ => throw new ChatTemplateException($"Chat template error: {TypeName(value)} has no length."),
    };

    /// <summary>A string as Python sees it: one item per code point, not per UTF-16 unit.</summary>
    public static List<object?> Characters(string text)
    {
        var result = new List<object?>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            result.Add(rune.ToString());
        }

        return result;
    }

    public static string TypeName(object? value) => value switch
    {
        null => "none",
        JinjaUndefined u => $"undefined '{u.Name}'",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        object?[] => "tuple",
        IList<object?> => "list",
        OrderedDictionary<string, object?> => "dict",
        JinjaNamespace => "namespace",
        JinjaCallable => "function",
        _ => value.GetType().Name,
    };
}
