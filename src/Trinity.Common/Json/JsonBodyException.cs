namespace Trinity.Common.Json;

/// <summary>A request body that could not be read, with the parameter at fault (<c>messages[1].content</c>) and an
/// OpenAI-style error code. Each API turns it into its own error at its boundary.</summary>
public sealed class JsonBodyException : Exception
{
    public JsonBodyException(JsonBodyProblem problem, string message, string? param, string code)
        : base(message)
    {
        Problem = problem;
        Param = param;
        Code = code;
    }

    public JsonBodyProblem Problem { get; }

    public string? Param { get; }

    public string Code { get; }

    /// <summary>415, 413 or 400.</summary>
    public int StatusCode => Problem switch
    {
        JsonBodyProblem.UnsupportedMediaType => 415,
        JsonBodyProblem.TooLarge => 413,
        _ => 400,
    };
}
