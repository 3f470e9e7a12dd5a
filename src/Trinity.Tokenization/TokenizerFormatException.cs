namespace Trinity.Tokenization;

/// <summary>A <c>tokenizer.json</c> that is malformed or uses a feature this tokenizer does not implement.</summary>
public sealed class TokenizerFormatException : Exception
{
    public TokenizerFormatException()
    {
    }

    public TokenizerFormatException(string message)
        : base(message)
    {
    }

    public TokenizerFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
