using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Schema;

/// <summary>
/// The <c>format</c> values the grammar can honour exactly or by a valid subset: <c>date</c>, <c>time</c>,
/// <c>date-time</c> (RFC 3339; February 29 and leap seconds are never emitted, since a regular grammar cannot know
/// leap years cheaply), <c>uuid</c> and <c>ipv4</c>. Others are refused rather than ignored.
/// </summary>
internal static class FormatFragments
{
    public static Fragment Build(JsonFragments json, string format, string path)
    {
        var nfa = json.Nfa;
        Fragment body = format switch
        {
            "date" => Date(nfa),
            "time" => Time(nfa),
            "date-time" => nfa.Sequence(Date(nfa), nfa.Literal("T"), Time(nfa)),
            "uuid" => Uuid(nfa),
            "ipv4" => Ipv4(nfa),
            _ => throw new GrammarCompileException("format", path, $"format '{format}' is not supported"),
        };
        return nfa.Sequence(json.Literal("\""), body, json.Literal("\""));
    }

    private static Fragment Digits(NfaBuilder nfa, int count) => nfa.Repeat(() => nfa.Range((byte)'0', (byte)'9'), count, count);

    private static Fragment TwoDigits(NfaBuilder nfa, int lo, int hi) => nfa.Choice([.. Enumerable.Range(lo, hi - lo + 1).Select(v => nfa.Literal(v.ToString("00", System.Globalization.CultureInfo.InvariantCulture)))]);

    private static Fragment Date(NfaBuilder nfa)
    {
        var longMonths = new[] { 1, 3, 5, 7, 8, 10, 12 };
        var monthDays = Enumerable.Range(1, 12).Select(m => nfa.Sequence(
            TwoDigits(nfa, m, m),
            nfa.Literal("-"),
            TwoDigits(nfa, 1, m == 2 ? 28 : longMonths.Contains(m) ? 31 : 30)));
        return nfa.Sequence(Digits(nfa, 4), nfa.Literal("-"), nfa.Choice([.. monthDays]));
    }

    private static Fragment Time(NfaBuilder nfa)
    {
        var fraction = nfa.Optional(nfa.Sequence(nfa.Literal("."), nfa.Repeat(() => nfa.Range((byte)'0', (byte)'9'), 1, 9)));
        var offset = nfa.Choice(
            nfa.Literal("Z"),
            nfa.Sequence(nfa.Ranges([((byte)'+', (byte)'+'), ((byte)'-', (byte)'-')]), TwoDigits(nfa, 0, 23), nfa.Literal(":"), TwoDigits(nfa, 0, 59)));
        return nfa.Sequence(TwoDigits(nfa, 0, 23), nfa.Literal(":"), TwoDigits(nfa, 0, 59), nfa.Literal(":"), TwoDigits(nfa, 0, 59), fraction, offset);
    }

    private static Fragment Uuid(NfaBuilder nfa)
    {
        Fragment Hex(int count) => nfa.Repeat(() => nfa.Ranges([((byte)'0', (byte)'9'), ((byte)'a', (byte)'f'), ((byte)'A', (byte)'F')]), count, count);
        return nfa.Sequence(Hex(8), nfa.Literal("-"), Hex(4), nfa.Literal("-"), Hex(4), nfa.Literal("-"), Hex(4), nfa.Literal("-"), Hex(12));
    }

    private static Fragment Ipv4(NfaBuilder nfa)
    {
        Fragment Octet() => IntegerRange.NonNegative(nfa, 0, 255);
        return nfa.Sequence(Octet(), nfa.Literal("."), Octet(), nfa.Literal("."), Octet(), nfa.Literal("."), Octet());
    }
}
