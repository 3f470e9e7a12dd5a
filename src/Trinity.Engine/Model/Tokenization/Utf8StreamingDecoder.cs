using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Trinity.Engine.Model.Tokenization.Decoders;

namespace Trinity.Engine.Model.Tokenization;

/// <summary>Detokenizes one generated sequence token by token, giving out the same text as
/// <see cref="TokenDecoder.Decode"/> would for the whole sequence. A token may end inside a UTF-8 character (an emoji
/// is often two or three byte-level tokens, or four <c>&lt;0xNN&gt;</c> byte-fallback tokens); those bytes are held
/// until the character is complete, so the text handed out never contains a broken character. Bytes that can never
/// become valid come out as U+FFFD (one per byte after byte fallback, as Hugging Face's ByteFallback writes them;
/// the one difference from a whole decode is a byte-fallback run mixing valid characters with invalid bytes, which
/// Hugging Face turns into U+FFFD as a whole and a stream cannot take back). A leading <c>Strip</c> applies to the very
/// start of the text only.</summary>
internal sealed class Utf8StreamingDecoder : IStreamingDecoder
{
    private readonly TokenDecoder _decoder;
    private readonly bool _skipSpecialTokens;
    private readonly List<byte> _pending = new(8);
    private bool _first = true;
    private int _stripLeft;

    public Utf8StreamingDecoder(TokenDecoder decoder, bool skipSpecialTokens)
    {
        _decoder = decoder;
        _skipSpecialTokens = skipSpecialTokens;
        _stripLeft = decoder.StripStart;
    }

    public string Push(int tokenId)
    {
        if (!_decoder.TryGetBytes(tokenId, _skipSpecialTokens, _first, out var bytes))
        {
            return string.Empty;
        }

        _first = false;
        if (bytes.Length == 0)
        {
            return string.Empty;
        }

        if (_pending.Count == 0 && Utf8.IsValid(bytes))
        {
            return Strip(Encoding.UTF8.GetString(bytes));
        }

        _pending.AddRange(bytes);
        return Strip(Drain(isFinal: false));
    }

    public string Flush()
    {
        var text = Strip(Drain(isFinal: true));
        _pending.Clear();
        _first = true;
        _stripLeft = _decoder.StripStart;
        return text;
    }

    /// <summary>Removes what is left of the leading Strip from the first text given out.</summary>
    private string Strip(string text)
    {
        if (_stripLeft == 0 || text.Length == 0)
        {
            return text;
        }

        var cut = 0;
        while (_stripLeft > 0 && cut < text.Length && text[cut] == _decoder.StripContent)
        {
            cut++;
            _stripLeft--;
        }

        if (cut < text.Length)
        {
            _stripLeft = 0;
        }

        return text[cut..];
    }

    private string Drain(bool isFinal)
    {
        if (_pending.Count == 0)
        {
            return string.Empty;
        }

        var source = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        if (_decoder.ReplacesPerByte)
        {
            return DrainPerByte(source, isFinal);
        }

        var chars = ArrayPool<char>.Shared.Rent(source.Length + 1);
        try
        {
            // Invalid sequences are replaced; an incomplete one at the end stops the conversion (NeedMoreData)
            // unless this is the final flush, and stays pending.
            Utf8.ToUtf16(source, chars, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: isFinal);
            _pending.RemoveRange(0, read);
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Complete characters out, each byte of an invalid sequence as one U+FFFD, an incomplete tail held.</summary>
    private string DrainPerByte(ReadOnlySpan<byte> source, bool isFinal)
    {
        var text = new StringBuilder(source.Length);
        var read = 0;
        while (read < source.Length)
        {
            var status = Rune.DecodeFromUtf8(source[read..], out var rune, out var consumed);
            if (status == OperationStatus.NeedMoreData && !isFinal)
            {
                break;
            }

            if (status == OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                text.Append('\uFFFD', consumed);
            }

            read += consumed;
        }

        _pending.RemoveRange(0, read);
        return text.ToString();
    }
}
