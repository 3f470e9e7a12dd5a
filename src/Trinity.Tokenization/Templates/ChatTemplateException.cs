namespace Trinity.Tokenization.Templates;

/// <summary>A chat template failed: unsupported or malformed syntax (found when the template is loaded), an
/// error while rendering, or the template's own <c>raise_exception(...)</c> rejecting the conversation.</summary>
public sealed class ChatTemplateException : Exception
{
    public ChatTemplateException()
    {
    }

    public ChatTemplateException(string message)
        : base(message)
    {
    }

    public ChatTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the template called <c>raise_exception</c>: the conversation is one the model does not accept
    /// (a client error), rather than a broken template.</summary>
    public bool RaisedByTemplate { get; init; }
}
