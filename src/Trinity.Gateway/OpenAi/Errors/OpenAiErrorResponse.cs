namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>Envelope of every error response and of the error event of a broken stream.</summary>
public sealed record OpenAiErrorResponse(OpenAiError Error);
