using System.Globalization;
using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary>Global functions of a render: Jinja's <c>range</c>, <c>namespace</c>, <c>dict</c>, and the two Hugging Face
/// adds for chat templates, <c>raise_exception(message)</c> and <c>strftime_now(format)</c>.</summary>
internal static class JinjaGlobals
{
    private const int MaxRange = 100_000;

    public static Dictionary<string, object?> Create(TimeProvider timeProvider) => new(StringComparer.Ordinal)
    {
        ["range"] = new JinjaCallable(Range),
        ["namespace"] = new JinjaCallable(Namespace),
        ["dict"] = new JinjaCallable(args => Named(args, new OrderedDictionary<string, object?>(StringComparer.Ordinal))),
        ["raise_exception"] = new JinjaCallable(args =>
            throw new ChatTemplateException(JinjaText.ToText(args.Get(0, "message", "error"))) { RaisedByTemplate = true }),
        ["strftime_now"] = new JinjaCallable(args => Strftime(timeProvider.GetLocalNow(), JinjaText.ToText(args.Get(0, "format", "%Y-%m-%d")))),
    };

    private static object? Range(JinjaArguments args)
    {
        long Argument(int i) => (long)JinjaValues.ToDouble(args.Positional[i]);
        var (start, stop, step) = args.Positional.Count switch
        {
            1 => (0L, Argument(0), 1L),
            2 => (Argument(0), Argument(1), 1L),
            3 => (Argument(0), Argument(1), Argument(2)),
            _ => throw new ChatTemplateException("Chat template error: range() takes 1 to 3 arguments."),
        };
        if (step == 0)
        {
            throw new ChatTemplateException("Chat template error: range() step cannot be zero.");
        }

        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            if (result.Count == MaxRange)
            {
                throw new ChatTemplateException($"Chat template error: range() longer than {MaxRange} items.");
            }

            result.Add(i);
        }

        return result;
    }

    private static object? Namespace(JinjaArguments args)
    {
        var ns = new JinjaNamespace();
        if (args.Positional.Count > 0 && args.Positional[0] is OrderedDictionary<string, object?> initial)
        {
            foreach (var (key, value) in initial)
            {
                ns.Attributes[key] = value;
            }
        }

        Named(args, ns.Attributes);
        return ns;
    }

    private static OrderedDictionary<string, object?> Named(JinjaArguments args, OrderedDictionary<string, object?> target)
    {
        foreach (var (key, value) in args.Named)
        {
            target[key] = value;
        }

        return target;
    }

    /// <summary>The strftime directives chat templates use for "today's date" lines.</summary>
    private static string Strftime(DateTimeOffset now, string format)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var directive = format[++i];
            builder.Append(directive switch
            {
                'd' => now.ToString("dd", CultureInfo.InvariantCulture),
                'm' => now.ToString("MM", CultureInfo.InvariantCulture),
                'Y' => now.ToString("yyyy", CultureInfo.InvariantCulture),
                'y' => now.ToString("yy", CultureInfo.InvariantCulture),
                'b' => now.ToString("MMM", CultureInfo.InvariantCulture),
                'B' => now.ToString("MMMM", CultureInfo.InvariantCulture),
                'a' => now.ToString("ddd", CultureInfo.InvariantCulture),
                'A' => now.ToString("dddd", CultureInfo.InvariantCulture),
                'H' => now.ToString("HH", CultureInfo.InvariantCulture),
                'M' => now.ToString("mm", CultureInfo.InvariantCulture),
                'S' => now.ToString("ss", CultureInfo.InvariantCulture),
                'j' => now.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => "%" + directive,
            });
        }

        return builder.ToString();
    }
}
