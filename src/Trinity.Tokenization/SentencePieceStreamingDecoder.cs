using System.Buffers;
using System.Text;
using Trinity.Tokenization.Decoders;

namespace Trinity.Tokenization;

/// <summary>Detokenizes one generated sequence of SentencePiece-style BPE token by token, giving out the text
/// <see cref="TokenDecoder.Decode"/> gives for the whole sequence (Metaspace's first-token rule and a leading Strip
/// included). A character missing from the vocabulary arrives as
/// several <c>&lt;0xNN&gt;</c> tokens: it comes out when its last byte does. A run of byte tokens that turns out not
/// to be UTF-8 becomes U+FFFD byte for byte from there to its end, as Hugging Face's ByteFallback writes it; the one
/// thing a stream cannot do is take back the characters of that run already given out (Hugging Face replaces them
/// too). A leading <c>Strip</c> applies to the very start of the text only.</summary>
internal sealed class SentencePieceStreamingDecoder : IStreamingDecoder
{
    private readonly TokenDecoder _decoder;
    private readonly bool _skipSpecialTokens;
    private readonly List<byte> _run = new(8);
    private bool _runInvalid;
    private bool _first = true;
    private int _stripLeft;

    public SentencePieceStreamingDecoder(TokenDecoder decoder, bool skipSpecialTokens)
    {
        _decoder = decoder;
        _skipSpecialTokens = skipSpecialTokens;
        _stripLeft = decoder.StripStart;
    }

    public string Push(int tokenId)
    {
        // Skipped tokens do not end a byte run: Hugging Face removes them before its decoders run.
        if (!_decoder.TryGetBytes(tokenId, _skipSpecialTokens, _first, out var bytes))
        {
            return string.Empty;
        }

        _first = false;
        if (!_decoder.IsFallbackByte(tokenId))
        {
            return Strip(EndRun() + Encoding.UTF8.GetString(bytes));
        }

        if (_runInvalid)
        {
            return Strip("\uFFFD");
        }

        _run.Add(bytes[0]);
        return Strip(DrainRun());
    }

    public string Flush()
    {
        var text = Strip(EndRun());
        _first = true;
        _stripLeft = _decoder.StripStart;
        return text;
    }

    /// <summary>The complete characters of the run so far; from its first invalid byte on, U+FFFD per byte.</summary>
    private string DrainRun()
    {
        var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_run);
        var text = new StringBuilder(bytes.Length);
        var read = 0;
        while (read < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[read..], out var rune, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                break;
            }

            if (status != OperationStatus.Done)
            {
                _runInvalid = true;
                text.Append('\uFFFD', bytes.Length - read);
                read = bytes.Length;
                break;
            }

            text.Append(rune.ToString());
            read += consumed;
        }

        _run.RemoveRange(0, read);
        return text.ToString();
    }

    /// <summary>A run ends at a token that is not a byte, or at the end: bytes still waiting never became a character.</summary>
    private string EndRun()
    {
        var waiting = _run.Count;
        _run.Clear();
        _runInvalid = false;
        return waiting == 0 ? string.Empty : new string('\uFFFD', waiting);
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
}
