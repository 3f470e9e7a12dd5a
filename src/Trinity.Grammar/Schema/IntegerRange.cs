using System.Globalization;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// The decimal strings (no leading zeros, no exponent) of exactly the integers in a range, built digit by digit:
/// each length gets its own interval, and an interval of one length splits at the first digit where its bounds
/// differ. <c>[-5, 123]</c> becomes <c>-[1-5] | [0-9] | [1-9][0-9] | 1[01][0-9] | 12[0-3]</c>.
/// </summary>
internal static class IntegerRange
{
    /// <summary>JSON-safe integers: what a schema with no bound means here (2^53 - 1).</summary>
    public const long SafeLimit = 9_007_199_254_740_991;

    public static Fragment Signed(NfaBuilder nfa, long min, long max)
    {
        if (min > max)
        {
            return nfa.Nothing();
        }

        var parts = new List<Fragment>();
        if (max >= 0)
        {
            parts.Add(NonNegative(nfa, Math.Max(min, 0), max));
        }

        if (min < 0)
        {
            parts.Add(nfa.Sequence(nfa.Literal("-"), NonNegative(nfa, max < 0 ? -max : 1, -min)));
        }

        return nfa.Choice([.. parts]);
    }

    public static Fragment NonNegative(NfaBuilder nfa, long lo, long hi)
    {
        var parts = new List<Fragment>();
        var loDigits = Digits(lo);
        var hiDigits = Digits(hi);
        for (var length = loDigits; length <= hiDigits; length++)
        {
            var a = Math.Max(lo, length == 1 ? 0 : Pow10(length - 1));
            var z = Math.Min(hi, length >= 19 ? long.MaxValue : Pow10(length) - 1);
            if (a <= z)
            {
                parts.Add(SameLength(nfa, a.ToString(CultureInfo.InvariantCulture), z.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return parts.Count == 0 ? nfa.Nothing() : nfa.Choice([.. parts]);
    }

    private static Fragment SameLength(NfaBuilder nfa, ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        if (x.IsEmpty)
        {
            return nfa.Empty();
        }

        var (x0, y0) = ((byte)x[0], (byte)y[0]);
        if (x0 == y0)
        {
            return nfa.Sequence(nfa.Range(x0, x0), SameLength(nfa, x[1..], y[1..]));
        }

        if (!x[1..].ContainsAnyExcept('0') && !y[1..].ContainsAnyExcept('9'))
        {
            return nfa.Sequence(nfa.Range(x0, y0), AnyDigits(nfa, x.Length - 1));
        }

        var parts = new List<Fragment>
        {
            nfa.Sequence(nfa.Range(x0, x0), SameLength(nfa, x[1..], new string('9', x.Length - 1))),
        };
        if (x0 + 1 <= y0 - 1)
        {
            parts.Add(nfa.Sequence(nfa.Range((byte)(x0 + 1), (byte)(y0 - 1)), AnyDigits(nfa, x.Length - 1)));
        }

        parts.Add(nfa.Sequence(nfa.Range(y0, y0), SameLength(nfa, new string('0', y.Length - 1), y[1..])));
        return nfa.Choice([.. parts]);
    }

    private static Fragment AnyDigits(NfaBuilder nfa, int count) => nfa.Repeat(() => nfa.Range((byte)'0', (byte)'9'), count, count);

    private static int Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static long Pow10(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
