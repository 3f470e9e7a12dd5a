using System.Text.Json.Serialization;

namespace Trinity.Contracts.Errors;

/// <summary>The fields of an error; <c>param</c> and <c>code</c> are written as null when absent, as OpenAI does,
/// whatever null handling the serializer of the wire around it uses.</summary>
/// <param name="Message">Human-readable explanation.</param>
/// <param name="Type">Error class, e.g. <c>invalid_request_error</c> or <c>server_error</c>.</param>
/// <param name="Param">The request parameter at fault (e.g. <c>messages[1].content</c>), or null.</param>
/// <param name="Code">Machine-readable code (e.g. <c>model_not_found</c>), or null.</param>
public sealed record ErrorDetail(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code = null);
