namespace Trinity.Common.Json;

/// <summary>What was wrong with a JSON request body; each maps to one HTTP status (415, 413, 400).</summary>
public enum JsonBodyProblem
{
    /// <summary>The content type is not JSON.</summary>
    UnsupportedMediaType,

    /// <summary>The body is longer than the endpoint accepts.</summary>
    TooLarge,

    /// <summary>Malformed JSON, a wrong type, too deep, not UTF-8, or not an object.</summary>
    Invalid,
}
