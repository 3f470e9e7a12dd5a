namespace Trinity.Grammar.Vocabulary;

/// <summary>GPT-2's byte-to-character table, reversed: printable Latin-1 bytes stand for themselves, the other 68
/// bytes for the characters from U+0100 on, in byte order.</summary>
internal static class ByteLevelAlphabet
{
    private static readonly Dictionary<char, byte> Decode = Build();

    /// <summary>The bytes a byte-level token string stands for; a character outside the alphabet (an added token
    /// written as plain text) is taken as UTF-8.</summary>
    public static byte[] ToBytes(string token)
    {
        var bytes = new List<byte>(token.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in token.EnumerateRunes())
        {
            if (rune.IsBmp && Decode.TryGetValue((char)rune.Value, out var b))
            {
                bytes.Add(b);
            }
            else
            {
                var n = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < n; i++)
                {
                    bytes.Add(utf8[i]);
                }
            }
        }

        return [.. bytes];
    }

    private static Dictionary<char, byte> Build()
    {
        var map = new Dictionary<char, byte>();
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is (>= '!' and <= '~') or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);
            map[(char)(printable ? b : next++)] = (byte)b;
        }

        return map;
    }
}
