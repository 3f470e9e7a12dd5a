using System.Text;
using System.Text.Unicode;

namespace Trinity.Tokenization.Decoders;

/// <summary>Turns ids back into text as Hugging Face's decoder chain does, precomputed per id: each token's UTF-8
/// after its per-token steps (byte-level alphabet, <c>▁</c> → space, <c>&lt;0xNN&gt;</c> → one byte), plus the
/// two rules that depend on position: the Metaspace decoder drops <c>▁</c> in the first token, and <c>Strip</c>
/// removes leading characters of the whole text.</summary>
internal sealed class TokenDecoder
{
    private readonly byte[]?[] _bytes;
    private readonly byte[]?[]? _firstBytes;
    private readonly bool[] _special;
    private readonly bool[]? _fallbackByte;

    /// <param name="spec">The decoder chain.</param>
    /// <param name="vocabSize">One more than the largest id.</param>
    /// <param name="tokens">Every id's vocabulary string (model vocabulary and added tokens).</param>
    /// <param name="special">Ids of special added tokens.</param>
    public TokenDecoder(DecoderSpec spec, int vocabSize, IEnumerable<(int Id, string Token)> tokens, IEnumerable<int> special)
    {
        _bytes = new byte[vocabSize][];
        _special = new bool[vocabSize];
        _firstBytes = spec.Metaspace is not null && !spec.MetaspaceKeepsFirst ? new byte[vocabSize][] : null;
        _fallbackByte = spec.ByteFallback ? new bool[vocabSize] : null;
        IsByteLevel = spec.ByteLevel;
        StripContent = spec.StripContent;
        StripStart = spec.StripStart;
        var scratch = new List<byte>();
        foreach (var (id, token) in tokens)
        {
            if (spec.ByteLevel)
            {
                scratch.Clear();
                _bytes[id] = ByteLevelAlphabet.TryDecode(token, scratch) ? [.. scratch] : Encoding.UTF8.GetBytes(token);
                continue;
            }

            if (_fallbackByte is not null && TryParseByteToken(token, out var value))
            {
                _fallbackByte[id] = true;
                _bytes[id] = [value];
                if (_firstBytes is not null)
                {
                    _firstBytes[id] = _bytes[id];
                }

                continue;
            }

            var text = spec.Replacements.Aggregate(token, (current, r) => r.Pattern.Length == 0 ? current : current.Replace(r.Pattern, r.Content, StringComparison.Ordinal));
            if (spec.Metaspace is { } meta)
            {
                if (_firstBytes is not null)
                {
                    _firstBytes[id] = Encoding.UTF8.GetBytes(text.Replace(meta.ToString(), string.Empty, StringComparison.Ordinal));
                }

                text = text.Replace(meta, ' ');
            }

            _bytes[id] = Encoding.UTF8.GetBytes(text);
        }

        foreach (var id in special)
        {
            _special[id] = true;
        }
    }

    /// <summary>Tokens are byte-level alphabet strings (any token may end inside a character).</summary>
    public bool IsByteLevel { get; }

    /// <summary>The character <see cref="StripStart"/> counts.</summary>
    public char StripContent { get; }

    /// <summary>How many leading <see cref="StripContent"/> characters the whole text loses (Strip after Fuse).</summary>
    public int StripStart { get; }

    /// <summary>Invalid byte-fallback runs become one U+FFFD per byte rather than per invalid sequence.</summary>
    public bool ReplacesPerByte => _fallbackByte is not null;

    public bool IsSpecial(int id) => (uint)id < (uint)_special.Length && _special[id];

    /// <summary>Whether <paramref name="id"/> is a <c>&lt;0xNN&gt;</c> token under a ByteFallback decoder.</summary>
    public bool IsFallbackByte(int id) => _fallbackByte is not null && (uint)id < (uint)_fallbackByte.Length && _fallbackByte[id];

    /// <summary>The UTF-8 a token stands for; false for unknown ids and, if asked, special tokens. <c>first</c> says the
    /// token is the first one decoded (the Metaspace decoder drops its <c>▁</c>).</summary>
    public bool TryGetBytes(int id, bool skipSpecialTokens, bool first, out byte[] bytes)
    {
        bytes = (uint)id < (uint)_bytes.Length ? (first && _firstBytes is not null ? _firstBytes[id] : _bytes[id])! : null!;
        return bytes is not null && !(skipSpecialTokens && _special[id]);
    }

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens)
    {
        var text = ReplacesPerByte ? DecodeWithByteRuns(ids, skipSpecialTokens) : DecodeBytes(ids, skipSpecialTokens);
        var cut = 0;
        while (cut < StripStart && cut < text.Length && text[cut] == StripContent)
        {
            cut++;
        }

        return cut == 0 ? text : text[cut..];
    }

    private string DecodeBytes(ReadOnlySpan<int> ids, bool skipSpecialTokens)
    {
        var bytes = new List<byte>(ids.Length * 4);
        var first = true;
        foreach (var id in ids)
        {
            if (TryGetBytes(id, skipSpecialTokens, first, out var tokenBytes))
            {
                bytes.AddRange(tokenBytes);
                first = false;
            }
        }

        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <summary>Hugging Face's ByteFallback: consecutive byte tokens decode together; if they are not valid UTF-8,
    /// each byte becomes U+FFFD.</summary>
    private string DecodeWithByteRuns(ReadOnlySpan<int> ids, bool skipSpecialTokens)
    {
        var text = new StringBuilder(ids.Length * 4);
        var run = new List<byte>();
        var first = true;
        foreach (var id in ids)
        {
            if (!TryGetBytes(id, skipSpecialTokens, first, out var tokenBytes))
            {
                continue;
            }

            first = false;
            if (_fallbackByte![id])
            {
                run.Add(tokenBytes[0]);
                continue;
            }

            FlushRun(run, text);
            text.Append(Encoding.UTF8.GetString(tokenBytes));
        }

        FlushRun(run, text);
        return text.ToString();
    }

    private static void FlushRun(List<byte> run, StringBuilder text)
    {
        if (run.Count == 0)
        {
            return;
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run);
        if (Utf8.IsValid(span))
        {
            text.Append(Encoding.UTF8.GetString(span));
        }
        else
        {
            text.Append('\uFFFD', run.Count);
        }

        run.Clear();
    }

    /// <summary>Exactly Hugging Face's test: six characters, <c>&lt;0x</c>, two hex digits, <c>&gt;</c>.</summary>
    private static bool TryParseByteToken(string token, out byte value)
    {
        value = 0;
        return token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
