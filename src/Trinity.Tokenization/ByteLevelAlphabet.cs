namespace Trinity.Tokenization;

/// <summary>GPT-2's reversible byte ↔ character table: every byte is shown as a printable character so that
/// byte-level BPE vocabularies can be stored as JSON strings (space is <c>Ġ</c>, newline <c>Ċ</c>).</summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToCharTable = BuildByteToChar();
    private static readonly Dictionary<char, byte> CharToByteTable = BuildCharToByte(ByteToCharTable);

    /// <summary>The character that stands for <paramref name="value"/>.</summary>
    public static char ToChar(byte value) => ByteToCharTable[value];

    /// <summary>The byte a vocabulary character stands for; false for characters outside the alphabet.</summary>
    public static bool TryToByte(char c, out byte value) => CharToByteTable.TryGetValue(c, out value);

    /// <summary>Maps UTF-8 bytes to their vocabulary characters.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        Encode(bytes, chars);
        return new string(chars);
    }

    /// <summary>Maps UTF-8 bytes to their vocabulary characters into <paramref name="destination"/> (same length).</summary>
    public static void Encode(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[i] = ByteToCharTable[bytes[i]];
        }
    }

    /// <summary>Maps vocabulary characters back to bytes; false if a character is not in the alphabet
    /// (tokens such as added tokens are stored as plain text instead).</summary>
    public static bool TryDecode(string token, List<byte> destination)
    {
        var start = destination.Count;
        foreach (var c in token)
        {
            if (!CharToByteTable.TryGetValue(c, out var b))
            {
                destination.RemoveRange(start, destination.Count - start);
                return false;
            }

            destination.Add(b);
        }

        return true;
    }

    private static char[] BuildByteToChar()
    {
        // Printable Latin-1 bytes keep their own character; the others (controls, space, soft hyphen...)
        // are shifted to U+0100 onwards in byte order, exactly as GPT-2's bytes_to_unicode does.
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }

    private static Dictionary<char, byte> BuildCharToByte(char[] byteToChar)
    {
        var map = new Dictionary<char, byte>(256);
        for (var b = 0; b < 256; b++)
        {
            map[byteToChar[b]] = (byte)b;
        }

        return map;
    }
}
