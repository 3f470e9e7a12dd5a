namespace Trinity.Tokenization;

/// <summary>A text ↔ token-id codec loaded from a model folder's <c>tokenizer.json</c>.</summary>
public interface ITokenizer
{
    /// <summary>Number of ids the tokenizer can produce (base vocabulary plus added tokens).</summary>
    int VocabSize { get; }

    /// <summary>Encodes text. Special tokens written literally in <paramref name="text"/> (e.g. <c>&lt;|im_start|&gt;</c>)
    /// are recognised as their ids, as Hugging Face tokenizers do for added tokens. No special token is added around
    /// the text (ONNX Runtime GenAI's <c>Tokenizer.Encode</c> does the same): a chat template writes its own
    /// <c>&lt;s&gt;</c>.</summary>
    int[] Encode(string text);

    /// <summary>Encodes text; with <paramref name="addSpecialTokens"/> the tokenizer.json post-processor's special
    /// tokens are added around it (Llama 2's <c>&lt;s&gt;</c>), as Hugging Face's <c>encode</c> does by default and GenAI
    /// does with its <c>add_special_tokens</c> option.</summary>
    int[] Encode(string text, bool addSpecialTokens);

    /// <summary>Decodes ids to text; invalid UTF-8 becomes U+FFFD.</summary>
    string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false);

    /// <summary>A decoder for one generated sequence that only ever emits complete UTF-8 characters.</summary>
    IStreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true);

    /// <summary>Looks up the id of a token by its vocabulary string (added tokens included).</summary>
    bool TryGetTokenId(string token, out int id);

    /// <summary>Whether <paramref name="id"/> is a special (control) token.</summary>
    bool IsSpecial(int id);

    /// <summary>The bytes token <paramref name="id"/> adds to the text when it is not the first token (a SentencePiece
    /// <c>▁</c> is a space, <c>&lt;0xNN&gt;</c> one byte, a byte-level alphabet string its bytes); a special token's
    /// content; empty for an unknown id. What grammars match tokens against and what logprobs report as <c>bytes</c>.</summary>
    ReadOnlySpan<byte> TokenBytes(int id);
}

/// <summary>Incremental detokenizer: bytes of a character split across tokens are held until complete.</summary>
public interface IStreamingDecoder
{
    /// <summary>Adds one token and returns the text it completes (possibly empty).</summary>
    string Push(int tokenId);

    /// <summary>Returns whatever is held back (incomplete bytes as U+FFFD) and resets.</summary>
    string Flush();
}
