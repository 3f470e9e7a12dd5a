using System.Collections;

namespace Trinity.Tokenization.Templates;

/// <summary><c>value.name</c>, <c>value[key]</c> and <c>value[a:b:c]</c>. As in Jinja, attribute and item lookups
/// fall back on each other for dicts, and a miss gives undefined rather than an error.</summary>
internal static class JinjaAccess
{
    public static object? GetAttribute(object? target, string name) => target switch
    {
        JinjaUndefined u => throw u.Error(),
        OrderedDictionary<string, object?> dict => dict.TryGetValue(name, out var value) ? value : JinjaMethods.ForDictionary(dict, name),
        JinjaNamespace ns => ns.Attributes.TryGetValue(name, out var value) ? value : new JinjaUndefined(name),
        JinjaLoop loop => loop.GetAttribute(name),
        string s => JinjaMethods.ForString(s, name),
        IList<object?> list => JinjaMethods.ForList(list, name),
        null => throw new ChatTemplateException($"Chat template error: None has no attribute '{name}'."),
        _ => new JinjaUndefined(name),
    };

    public static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case JinjaUndefined u:
                throw u.Error();
            case OrderedDictionary<string, object?> dict:
                return key is string name && dict.TryGetValue(name, out var value) ? value : new JinjaUndefined(JinjaText.ToText(key));
            case JinjaNamespace or JinjaLoop when key is string attribute:
                return GetAttribute(target, attribute);
            case IList<object?> list when key is long or bool:
                var index = (long)JinjaValues.ToDouble(key);
                index = index < 0 ? index + list.Count : index;
                return index >= 0 && index < list.Count ? list[(int)index] : new JinjaUndefined($"[{key}]");
            case string s when key is long:
                var characters = JinjaValues.Characters(s);
                return GetItem(characters, key);
            case null:
                throw new ChatTemplateException("Chat template error: None is not subscriptable.");
            default:
                return key is string other ? GetAttribute(target, other) : new JinjaUndefined($"[{JinjaText.ToText(key)}]");
        }
    }

    /// <summary>Python slicing of lists, tuples and strings (by code point).</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        var items = target switch
        {
            string s => JinjaValues.Characters(s),
            IList<object?> list => list.Cast<object?>().ToList(),
            JinjaUndefined u => throw u.Error(),
            _ => throw new ChatTemplateException($"Chat template error: {JinjaValues.TypeName(target)} cannot be sliced."),
        };

        var stride = step is null or JinjaUndefined ? 1 : (int)JinjaValues.ToDouble(step);
        if (stride == 0)
        {
            throw new ChatTemplateException("Chat template error: slice step cannot be zero.");
        }

        var count = items.Count;
        var from = Bound(start, count, stride > 0 ? 0 : count - 1, stride);
        var to = Bound(stop, count, stride > 0 ? count : -1, stride);
        var result = new List<object?>();
        for (var i = from; stride > 0 ? i < to : i > to; i += stride)
        {
            result.Add(items[i]);
        }

        return target switch
        {
            string => string.Concat(result.Cast<string>()),
            object?[] => result.ToArray(),
            _ => result,
        };
    }

    private static int Bound(object? value, int count, int fallback, int stride)
    {
        if (value is null or JinjaUndefined)
        {
            return fallback;
        }

        var index = (int)JinjaValues.ToDouble(value);
        if (index < 0)
        {
            index += count;
        }

        // Python clamps out-of-range bounds to the ends (-1 is "before the start" when stepping backwards).
        return stride > 0 ? Math.Clamp(index, 0, count) : Math.Clamp(index, -1, count - 1);
    }
}
