namespace Trinity.Engine.Model;

/// <summary>A model folder is missing, incomplete or malformed. The message is meant for the user, in one line.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException()
    {
    }

    public ModelFormatException(string message)
        : base(message)
    {
    }

    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
