using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Trinity.Contracts;
using Trinity.Engine.Hosting;
using Trinity.Engine.KvTransfer;

namespace Trinity.Engine.Prefill;

/// <summary>The prefill role's internal API: run a prompt and hold its KV cache; hand the cache over once.</summary>
internal static class PrefillEndpoints
{
    public static IEndpointRouteBuilder MapPrefillEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/internal/prefill", PrefillAsync);
        endpoints.MapGet("/internal/kv/{handle}", Pull);
        endpoints.MapDelete("/internal/kv/{handle}", (string handle, KvStore store) =>
            store.Remove(handle) ? Results.NoContent() : EngineErrors.NotFound($"no KV cache with handle '{handle}'"));
        return endpoints;
    }

    private static async Task<IResult> PrefillAsync(HttpContext context, InProcessEngine engine, KvStore store)
    {
        var request = await EngineRequestReader.ReadAsync(context, EngineJson.GenerationRequest).ConfigureAwait(false);
        if (request is null)
        {
            return EngineErrors.BadRequest("the body must be a JSON generation request with request_id and prompt_tokens");
        }

        var clock = Stopwatch.StartNew();
        PrefillResult result;
        try
        {
            result = await engine.PrefillAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return EngineErrors.BadRequest(ex.Message);
        }
        catch (EngineOverloadedException ex)
        {
            return EngineErrors.Overloaded(ex.Message);
        }

        var handle = store.TryAdd(result.KvBlob);
        if (handle is null)
        {
            return EngineErrors.Overloaded("the prefill engine holds too many unpulled KV caches; retry later");
        }

        var reply = new PrefillReply(handle, result.FirstToken, request.PromptTokens.Count, result.KvBlob.Length, clock.Elapsed.TotalMilliseconds);
        return Results.Json(reply, EngineJson.PrefillReply);
    }

    private static IResult Pull(string handle, KvStore store, IOptions<KvTransferOptions> options)
    {
        var blob = store.TryTake(handle);
        if (blob is null)
        {
            return EngineErrors.NotFound($"no KV cache with handle '{handle}' (already pulled, cancelled or expired)");
        }

        if (options.Value.CorruptServedBlobs && blob.Length > KvCacheBlob.HeaderSize)
        {
            blob[KvCacheBlob.HeaderSize + ((blob.Length - KvCacheBlob.HeaderSize) / 2)] ^= 0x5A;
        }

        return Results.Bytes(blob, "application/octet-stream");
    }
}
