using System.Globalization;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// JSON numbers in plain decimal notation (no exponent) between optional bounds, exactly: integer parts strictly
/// inside the bounds take any fraction, the integer parts at the bounds take a fraction compared digit by digit.
/// With no bound on a side, the integer part is limited to <see cref="GrammarOptions.MaxIntegerDigits"/> digits.
/// </summary>
internal static class NumberRange
{
    public static Fragment Build(NfaBuilder nfa, GrammarOptions options, decimal? min, bool minExclusive, decimal? max, bool maxExclusive)
    {
        var parts = new List<Fragment>();
        if (max is null || max > 0 || (max == 0 && !maxExclusive))
        {
            var lowIsBound = min is not null && min >= 0;
            parts.Add(Magnitude(nfa, options, lowIsBound ? min!.Value : 0, lowIsBound && minExclusive, max, maxExclusive));
        }

        if (min is null || min < 0)
        {
            // Negative values: magnitudes above zero (so "-0" is never written) up to -min.
            var lowIsBound = max is not null && max < 0;
            var magnitude = Magnitude(nfa, options, lowIsBound ? -max!.Value : 0, !lowIsBound || maxExclusive, -min, minExclusive);
            parts.Add(nfa.Sequence(nfa.Literal("-"), magnitude));
        }

        return parts.Count == 0 ? nfa.Nothing() : nfa.Choice([.. parts]);
    }

    /// <summary>Non-negative decimals between <paramref name="low"/> and <paramref name="high"/> (null: the digit cap).</summary>
    private static Fragment Magnitude(NfaBuilder nfa, GrammarOptions options, decimal low, bool lowExclusive, decimal? high, bool highExclusive)
    {
        var cap = (long)Math.Pow(10, options.MaxIntegerDigits) - 1;
        var lowInt = decimal.Floor(low);
        var highInt = high is null ? cap : decimal.Floor(high.Value);
        if (lowInt > cap)
        {
            throw new GrammarCompileException("minimum", "", $"bounds beyond {options.MaxIntegerDigits} integer digits are not supported");
        }

        var (l, h) = ((long)lowInt, (long)Math.Min(highInt, cap));
        var highFraction = high is null || highInt > cap ? null : FractionDigits(high.Value);
        var maxDigits = options.MaxFractionDigits;
        var parts = new List<Fragment>();
        if (l + 1 <= h - 1)
        {
            parts.Add(nfa.Sequence(IntegerRange.NonNegative(nfa, l + 1, h - 1), FractionRange.Build(nfa, maxDigits, null, false, null, false)));
        }

        if (l <= h)
        {
            var bothBounds = l == h;
            parts.Add(nfa.Sequence(
                nfa.Literal(l.ToString(CultureInfo.InvariantCulture)),
                FractionRange.Build(nfa, maxDigits, FractionDigits(low), lowExclusive, bothBounds ? highFraction : null, highExclusive)));
        }

        if (l < h)
        {
            parts.Add(nfa.Sequence(nfa.Literal(h.ToString(CultureInfo.InvariantCulture)), FractionRange.Build(nfa, maxDigits, null, false, highFraction, highExclusive)));
        }

        return parts.Count == 0 ? nfa.Nothing() : nfa.Choice([.. parts]);
    }

    private static string FractionDigits(decimal value)
    {
        var text = (value - decimal.Floor(value)).ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? "" : text[(point + 1)..];
    }
}
