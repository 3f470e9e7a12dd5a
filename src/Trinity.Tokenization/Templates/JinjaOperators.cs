using System.Collections;

namespace Trinity.Tokenization.Templates;

/// <summary>Arithmetic with Python's rules: int stays int except for <c>/</c>, <c>+</c> joins strings and lists,
/// <c>*</c> repeats them, <c>//</c> and <c>%</c> round towards negative infinity, <c>~</c> joins anything as text.</summary>
internal static class JinjaOperators
{
    public static object? Apply(string op, object? left, object? right) => op switch
    {
        "+" => Add(left, right),
        "-" => Numeric(left, right, (a, b) => a - b, (a, b) => a - b),
        "*" => Multiply(left, right),
        "/" => JinjaValues.ToDouble(Defined(right)) == 0 ? throw DivisionByZero() : JinjaValues.ToDouble(Defined(left)) / JinjaValues.ToDouble(right),
        "//" => Numeric(left, right, (a, b) => b == 0 ? throw DivisionByZero() : (long)Math.Floor((double)a / b), (a, b) => Math.Floor(a / b)),
        "%" => Numeric(left, right, (a, b) => b == 0 ? throw DivisionByZero() : ((a % b) + b) % b, (a, b) => a - (b * Math.Floor(a / b))),
        "**" => Numeric(left, right, (a, b) => b >= 0 ? (long)Math.Pow(a, b) : throw new ChatTemplateException("Chat template error: negative integer power."), Math.Pow),
        "~" => JinjaText.ToText(Defined(left)) + JinjaText.ToText(Defined(right)),
        _ => throw new ChatTemplateException($"Chat template error: unknown operator '{op}'."),
    };

    public static object? Add(object? left, object? right)
    {
        Defined(left);
        Defined(right);
        return (left, right) switch
        {
            (string a, string b) => a + b,
            (object?[] a, object?[] b) => a.Concat(b).ToArray(),
            (IList<object?> a, IList<object?> b) => a.Cast<object?>().Concat(b.Cast<object?>()).ToList(),
            _ when JinjaValues.IsNumber(left) && JinjaValues.IsNumber(right) => Numeric(left, right, (a, b) => a + b, (a, b) => a + b),
            _ => throw Unsupported("+", left, right),
        };
    }

    public static object? Negate(object? value) => Defined(value) switch
    {
        long l => (object)(-l),
        bool b => b ? -1L : 0L,
        double d => -d,
        _ => throw new ChatTemplateException($"Chat template error: cannot negate {JinjaValues.TypeName(value)}."),
    };

    private static object? Multiply(object? left, object? right)
    {
        Defined(left);
        Defined(right);
        return (left, right) switch
        {
            (string s, long n) => string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, n))),
            (long n, string s) => string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, n))),
            (IList<object?> list, long n) => Enumerable.Repeat(list.Cast<object?>(), (int)Math.Max(0, n)).SelectMany(x => x).ToList(),
            _ when JinjaValues.IsNumber(left) && JinjaValues.IsNumber(right) => Numeric(left, right, (a, b) => a * b, (a, b) => a * b),
            _ => throw Unsupported("*", left, right),
        };
    }

    private static object? Numeric(object? left, object? right, Func<long, long, long> integer, Func<double, double, double> real)
    {
        if (!JinjaValues.IsNumber(Defined(left)) || !JinjaValues.IsNumber(Defined(right)))
        {
            throw Unsupported("arithmetic", left, right);
        }

        // Boxed separately: a conditional of long and double would widen the integer result to double.
        if (left is long or bool && right is long or bool)
        {
            return integer((long)JinjaValues.ToDouble(left), (long)JinjaValues.ToDouble(right));
        }

        return real(JinjaValues.ToDouble(left), JinjaValues.ToDouble(right));
    }

    private static object? Defined(object? value) => value is JinjaUndefined u ? throw u.Error() : value;

    private static ChatTemplateException DivisionByZero() => new("Chat template error: division by zero.");

    private static ChatTemplateException Unsupported(string op, object? left, object? right) =>
        new($"Chat template error: unsupported operand types for {op}: {JinjaValues.TypeName(left)} and {JinjaValues.TypeName(right)}.");
}
