using Trinity.Gateway.Errors;
using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Turns the pool's refusals into the gateway's errors, keeping status, type, param and code.</summary>
internal static class PoolErrors
{
    public static PipelineException ToPipeline(VectorPoolException exception) =>
        new(ErrorKinds.FromStatus(exception.StatusCode), exception.Message, exception.Param, exception.Code, innerException: exception)
        {
            UpstreamType = exception.Type,
        };
}
