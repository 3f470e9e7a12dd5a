namespace Trinity.Grammar.Automata;

/// <summary>Turns a range of Unicode scalar values into UTF-8 byte-range sequences (each a product of per-byte
/// ranges), so character classes over code points become byte automata that accept only well-formed UTF-8.</summary>
internal static class Utf8Ranges
{
    /// <summary>Adds the sequences of <c>[lo, hi]</c> (surrogates skipped) to <paramref name="output"/>.</summary>
    public static void Split(int lo, int hi, List<(byte Lo, byte Hi)[]> output)
    {
        if (lo > hi)
        {
            return;
        }

        if (lo <= 0xDFFF && hi >= 0xD800)
        {
            Split(lo, 0xD7FF, output);
            Split(0xE000, hi, output);
            return;
        }

        foreach (var limit in (ReadOnlySpan<int>)[0x7F, 0x7FF, 0xFFFF])
        {
            if (lo <= limit && hi > limit)
            {
                Split(lo, limit, output);
                Split(limit + 1, hi, output);
                return;
            }
        }

        var length = Length(lo);
        for (var i = 1; i < length; i++)
        {
            var mask = (1 << (6 * i)) - 1;
            if ((lo & ~mask) != (hi & ~mask))
            {
                if ((lo & mask) != 0)
                {
                    Split(lo, lo | mask, output);
                    Split((lo | mask) + 1, hi, output);
                    return;
                }

                if ((hi & mask) != mask)
                {
                    Split(lo, (hi & ~mask) - 1, output);
                    Split(hi & ~mask, hi, output);
                    return;
                }
            }
        }

        Span<byte> a = stackalloc byte[4];
        Span<byte> b = stackalloc byte[4];
        Encode(lo, a);
        Encode(hi, b);
        var sequence = new (byte, byte)[length];
        for (var i = 0; i < length; i++)
        {
            sequence[i] = (a[i], b[i]);
        }

        output.Add(sequence);
    }

    private static int Length(int c) => c <= 0x7F ? 1 : c <= 0x7FF ? 2 : c <= 0xFFFF ? 3 : 4;

    private static void Encode(int c, Span<byte> bytes) => new System.Text.Rune(c).EncodeToUtf8(bytes);
}
