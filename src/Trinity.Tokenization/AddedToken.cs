namespace Trinity.Tokenization;

/// <summary>One entry of tokenizer.json's <c>added_tokens</c>: text matched literally before pre-tokenization.</summary>
/// <param name="Id">Its token id.</param>
/// <param name="Content">The literal text.</param>
/// <param name="Special">A control token (skipped when decoding with skipSpecialTokens).</param>
/// <param name="LeftStrip">Swallows the white space before it.</param>
/// <param name="RightStrip">Swallows the white space after it.</param>
/// <param name="SingleWord">Matches only when not inside a word.</param>
/// <param name="Normalized">Matched against normalized text rather than the raw input.</param>
internal sealed record AddedToken(int Id, string Content, bool Special, bool LeftStrip, bool RightStrip, bool SingleWord, bool Normalized);
