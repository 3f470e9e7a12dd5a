namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>A chunk of a document: the characters <c>[Start, End)</c> of its text, which the tokenizer encodes in
/// <paramref name="Tokens"/> tokens.</summary>
internal readonly record struct TextChunk(int Start, int End, int Tokens)
{
    public int Length => End - Start;
}
