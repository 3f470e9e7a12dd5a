using Microsoft.AspNetCore.Http.Timeouts;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.OpenAi.Streaming;

/// <summary>Drives a streamed response: one flush per engine output, the end chunk and <c>[DONE]</c>; a failure after
/// the stream started becomes an error event (<c>data: {"error": ...}</c>) and the stream ends; a failure before it
/// propagates and is answered with a status code.</summary>
internal static class StreamingResponder
{
    public static async Task RunAsync(
        HttpContext context, IAsyncEnumerable<SequenceEvent> events, IStreamFormat format, RequestTimings timings, ILogger logger)
    {
        var cancellationToken = context.RequestAborted;
        using var writer = new SseWriter(context);
        try
        {
            await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                format.Write(writer, item);
                if (writer.Started)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            format.WriteEnd(writer, timings.ToWire());
            writer.WriteDone();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineException exception) when (writer.Started)
        {
            await WriteErrorAsync(context, writer, OpenAiErrors.Detail(exception), logger).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (writer.Started && IsTimedOut(context))
        {
            await WriteErrorAsync(context, writer, OpenAiErrors.Detail(PipelineErrors.Timeout("The request timed out.")), logger).ConfigureAwait(false);
        }
    }

    private static bool IsTimedOut(HttpContext context) =>
        context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;

    private static async Task WriteErrorAsync(HttpContext context, SseWriter writer, ErrorDetail error, ILogger logger)
    {
        GatewayLog.StreamFailed(logger, context.TraceIdentifier, error.Code);
        writer.Write(new ErrorEnvelope(error), OpenAiJsonContext.Default.ErrorEnvelope);

        // The request token may be the one that fired (timeout); the client is still there, so flush regardless.
        await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
