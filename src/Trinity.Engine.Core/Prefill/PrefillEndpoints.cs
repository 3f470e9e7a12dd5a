using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Trinity.Contracts;
using Trinity.Engine.Hosting;
using Trinity.Engine.KvTransfer;

namespace Trinity.Engine.Prefill;

/// <summary>The prefill role's internal API: run a prompt and publish its KV cache through the scheduler side of the
/// HTTP connector; hand the cache over once (pull) or drop it (release).</summary>
internal static class PrefillEndpoints
{
    public static IEndpointRouteBuilder MapPrefillEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(EngineRoutes.Prefill, PrefillAsync);
        endpoints.MapGet(EngineRoutes.Kv, Pull);
        endpoints.MapDelete(EngineRoutes.Kv, (string handle, IKvConnectorScheduler connector) =>
            connector.Release(new KvHandle(handle)) ? Results.NoContent() : EngineErrors.NotFound($"no KV cache with handle '{handle}'"));
        return endpoints;
    }

    private static async Task<IResult> PrefillAsync(HttpContext context, InProcessEngine engine, IKvConnectorScheduler connector)
    {
        var (request, error) = await EngineRequestReader.ReadAsync(context, EngineJson.GenerationRequest).ConfigureAwait(false);
        if (request is null)
        {
            return error ?? EngineErrors.BadRequest("the body must be a JSON generation request with request_id and prompt_tokens");
        }

        var clock = Stopwatch.StartNew();
        Decode.PrefilledKv prefilled;
        try
        {
            prefilled = await engine.PrefillKvAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return EngineErrors.BadRequest(ex.Message);
        }
        catch (EngineOverloadedException ex)
        {
            return EngineErrors.Overloaded(ex.Message);
        }

        var bytes = KvCacheBlob.HeaderSize + prefilled.Kv.Bytes;
        if (connector.Publish(prefilled.Kv) is not { } handle)
        {
            return EngineErrors.Overloaded("the prefill engine holds too many unpulled KV caches; retry later");
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            // Nobody will learn the handle: drop the cache now rather than at its time-to-live.
            connector.Release(handle);
            return Results.Empty;
        }

        var reply = new PrefillReply(handle.Id, prefilled.FirstToken, request.PromptTokens.Count, bytes, clock.Elapsed.TotalMilliseconds, prefilled.FirstLogprob);
        return Results.Json(reply, EngineJson.PrefillReply);
    }

    private static IResult Pull(string handle, KvStore store)
    {
        var frame = store.TryTake(handle);
        return frame is null
            ? EngineErrors.NotFound($"no KV cache with handle '{handle}' (already pulled, released or expired)")
            : Results.Bytes(frame, "application/octet-stream");
    }
}
