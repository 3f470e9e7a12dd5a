using Trinity.Common.Json;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>Outermost error boundary: every failure that happens before the response has started is answered in
/// the OpenAI error shape (never a bare 500 page), and a client that went away is not treated as an error.</summary>
internal sealed class OpenAiErrorMiddleware(RequestDelegate next, ILogger<OpenAiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (PipelineException exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await OpenAiErrorWriter.WriteAsync(context, exception).ConfigureAwait(false);
        }
        catch (JsonBodyException exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await OpenAiErrorWriter.WriteAsync(context, PipelineErrors.FromBody(exception)).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // Kestrel's own limits (body too large, body read timeout, malformed chunking) surface here.
            context.Response.Clear();
            var error = OpenAiErrors.ForStatus(exception.StatusCode, context.Request);
            await OpenAiErrorWriter.WriteAsync(context, exception.StatusCode, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.ClientDisconnected(logger, context.TraceIdentifier);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            GatewayLog.UnhandledError(logger, context.TraceIdentifier, exception);
            context.Response.Clear();
            var error = OpenAiErrors.ForStatus(StatusCodes.Status500InternalServerError, context.Request);
            await OpenAiErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, error).ConfigureAwait(false);
        }
    }
}
