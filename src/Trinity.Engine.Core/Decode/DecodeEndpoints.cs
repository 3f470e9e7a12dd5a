using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Trinity.Contracts;
using Trinity.Engine.Hosting;
using Trinity.Engine.KvTransfer;

namespace Trinity.Engine.Decode;

/// <summary>
/// The decode role's internal API: pull the prompt's KV from the prefill engine, continue the sequence in the
/// running batch, and stream outputs as NDJSON. A KV that cannot be pulled in time or fails its checks is
/// replaced by recomputing the prompt here (counted), so a broken hand-over never hangs or corrupts a request.
/// </summary>
internal static class DecodeEndpoints
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapDecodeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(EngineRoutes.Decode, DecodeAsync);
        return endpoints;
    }

    private static async Task DecodeAsync(HttpContext context, InProcessEngine engine, KvContinuation continuation)
    {
        var (call, error) = await EngineRequestReader.ReadAsync(context, EngineJson.DecodeCall).ConfigureAwait(false);
        if (call?.Request is null)
        {
            await (error ?? EngineErrors.BadRequest("the body must be a JSON decode call with a request")).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // Reserve before transfer: a full engine refuses before the KV leaves the prefill engine.
        if (!engine.HasCapacity)
        {
            await EngineErrors.Overloaded("the decode engine's queue is full").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        IAsyncEnumerable<GenerationOutput> outputs;
        try
        {
            outputs = call.Prefill is { } source
                ? await continuation.ContinueAsync(call.Request, new KvHandle(source.KvHandle, Uri.TryCreate(source.Url, UriKind.Absolute, out var owner) ? owner : null),
                    source.FirstToken, context.RequestAborted, source.FirstLogprob).ConfigureAwait(false)
                : engine.GenerateAsync(call.Request, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            await EngineErrors.BadRequest(ex.Message).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        try
        {
            await foreach (var output in outputs.ConfigureAwait(false))
            {
                var line = JsonSerializer.SerializeToUtf8Bytes(output, EngineJson.GenerationOutput);
                await context.Response.BodyWriter.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
                await context.Response.BodyWriter.WriteAsync(NewLine, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (EngineOverloadedException ex) when (!context.Response.HasStarted)
        {
            await EngineErrors.Overloaded(ex.Message).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The gateway went away; the engine has already been told through the token.
        }
    }
}
