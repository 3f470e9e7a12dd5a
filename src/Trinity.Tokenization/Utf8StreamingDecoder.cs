using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Trinity.Tokenization.Decoders;

namespace Trinity.Tokenization;

/// <summary>Detokenizes one generated sequence of byte-level BPE token by token. Byte-level tokens may end inside a
/// UTF-8 character (an emoji is often two or three tokens); those bytes are held until the character is complete, so
/// the text handed out never contains a broken character. Bytes that can never become valid come out as U+FFFD.</summary>
internal sealed class Utf8StreamingDecoder : IStreamingDecoder
{
    private readonly TokenDecoder _decoder;
    private readonly bool _skipSpecialTokens;
    private readonly List<byte> _pending = new(8);

    public Utf8StreamingDecoder(TokenDecoder decoder, bool skipSpecialTokens)
    {
        _decoder = decoder;
        _skipSpecialTokens = skipSpecialTokens;
    }

    public string Push(int tokenId)
    {
        if (!_decoder.TryGetBytes(tokenId, _skipSpecialTokens, first: false, out var bytes) || bytes.Length == 0)
        {
            return string.Empty;
        }

        if (_pending.Count == 0 && Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        _pending.AddRange(bytes);
        return Drain(isFinal: false);
    }

    public string Flush() => Drain(isFinal: true);

    private string Drain(bool isFinal)
    {
        if (_pending.Count == 0)
        {
            return string.Empty;
        }

        var source = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
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
}
