using Trinity.Gateway.OpenAi.Errors;
using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Turns the pool's refusals into the gateway's OpenAI errors, keeping status, type, param and code.</summary>
internal static class PoolErrors
{
    public static OpenAiException ToOpenAi(VectorPoolException exception) =>
        new(exception.StatusCode, new OpenAiError { Message = exception.Message, Type = exception.Type, Param = exception.Param, Code = exception.Code }, innerException: exception);
}
