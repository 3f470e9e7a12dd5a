using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// The optional fraction of a decimal (nothing, or <c>.</c> and 1 to N digits) whose value lies between two
/// fractions given as digit strings, by a digit walk that remembers whether it is still equal to each bound's
/// prefix. Together with <see cref="IntegerRange"/> this makes number bounds exact, not just digit-bounded.
/// </summary>
internal static class FractionRange
{
    /// <summary>The fraction between <paramref name="low"/> (digits after the point; null: 0 inclusive) and
    /// <paramref name="high"/> (null: anything below the next integer), at most <paramref name="maxDigits"/> long.</summary>
    public static Fragment Build(NfaBuilder nfa, int maxDigits, string? low, bool lowExclusive, string? high, bool highExclusive)
    {
        var start = nfa.NewState();
        var end = nfa.NewState();
        var states = new Dictionary<(int Length, bool LowTight, bool HighTight), int>();
        var work = new Queue<(int Length, bool LowTight, bool HighTight)>();
        int StateOf((int, bool, bool) key)
        {
            if (!states.TryGetValue(key, out var state))
            {
                states[key] = state = key == (0, low is not null, high is not null) ? start : nfa.NewState();
                work.Enqueue(key);
            }

            return state;
        }

        StateOf((0, low is not null, high is not null));
        while (work.Count > 0)
        {
            var key = work.Dequeue();
            var (length, lowTight, highTight) = key;
            var state = states[key];
            if (Accepts(length, lowTight, highTight))
            {
                nfa.Connect(state, end);
            }

            if (length == maxDigits)
            {
                continue;
            }

            var from = state;
            if (length == 0)
            {
                var dot = nfa.Literal(".");
                nfa.Connect(state, dot.Start);
                from = dot.End;
            }

            for (var d = '0'; d <= '9'; d++)
            {
                var lowDigit = lowTight ? DigitAt(low!, length) : '0';
                var highDigit = highTight ? DigitAt(high!, length) : '9';
                if (d < lowDigit || d > highDigit)
                {
                    continue;
                }

                var digit = nfa.Literal([(byte)d]);
                nfa.Connect(from, digit.Start);
                nfa.Connect(digit.End, StateOf((length + 1, lowTight && d == lowDigit, highTight && d == highDigit)));
            }
        }

        return new Fragment(start, end);

        bool Accepts(int length, bool lowTight, bool highTight)
        {
            // Still equal to a bound's prefix: the value equals the bound iff the bound has only zeros left.
            if (lowTight && (low!.AsSpan(Math.Min(length, low!.Length)).ContainsAnyExcept('0') || lowExclusive))
            {
                return false;
            }

            return !(highTight && !high!.AsSpan(Math.Min(length, high!.Length)).ContainsAnyExcept('0') && highExclusive);
        }
    }

    private static char DigitAt(string digits, int index) => index < digits.Length ? digits[index] : '0';
}
