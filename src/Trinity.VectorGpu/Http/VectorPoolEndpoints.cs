using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Client.Wire;

namespace Trinity.VectorGpu.Http;

/// <summary>The collections API of DESIGN.md §6 over <see cref="IVectorPool"/>.</summary>
internal static class VectorPoolEndpoints
{
    /// <param name="endpoints">Where to map.</param>
    /// <param name="scope">The pool a request talks to, given the registered one: the identity in the pool's own
    /// process; a host with tenants narrows it to the caller's collections.</param>
    public static void Map(IEndpointRouteBuilder endpoints, Func<HttpContext, IVectorPool, IVectorPool> scope)
    {
        var group = endpoints.MapGroup("/v1/collections");
        group.MapPost("", (HttpContext http, IVectorPool root) => JsonEndpoint.Run(http, async ct =>
        {
            var spec = await JsonEndpoint.ReadAsync(http, VectorPoolJsonContext.Default.CollectionSpec, ct).ConfigureAwait(false);
            return JsonEndpoint.Ok(await scope(http, root).CreateCollectionAsync(spec, ct).ConfigureAwait(false), VectorPoolJsonContext.Default.CollectionInfo);
        }));
        group.MapGet("", (HttpContext http, IVectorPool root) => JsonEndpoint.Run(http, async ct =>
            JsonEndpoint.Ok(new CollectionListResponse(await scope(http, root).ListCollectionsAsync(ct).ConfigureAwait(false)), VectorPoolJsonContext.Default.CollectionListResponse)));
        group.MapGet("/{name}", (HttpContext http, string name, IVectorPool root) => JsonEndpoint.Run(http, async ct =>
            JsonEndpoint.Ok(await scope(http, root).GetCollectionAsync(name, ct).ConfigureAwait(false), VectorPoolJsonContext.Default.CollectionInfo)));
        group.MapDelete("/{name}", (HttpContext http, string name, IVectorPool root) => JsonEndpoint.Run(http, async ct =>
        {
            await scope(http, root).DeleteCollectionAsync(name, ct).ConfigureAwait(false);
            return JsonEndpoint.Ok(new DeletedResponse(name, true), VectorPoolJsonContext.Default.DeletedResponse);
        }));
        group.MapPost("/{name}/points", (HttpContext http, string name, IVectorPool root) => JsonEndpoint.Run(http, async ct =>
        {
            var body = await JsonEndpoint.ReadAsync(http, VectorPoolJsonContext.Default.UpsertPointsBody, ct).ConfigureAwait(false);
            var result = await scope(http, root).UpsertAsync(name, body.Points!, ct).ConfigureAwait(false);
            return JsonEndpoint.Ok(result, VectorPoolJsonContext.Default.UpsertResult);
        }));
        group.MapPost("/{name}/points/delete", (HttpContext http, string name, IVectorPool root) => JsonEndpoint.Run(http, async ct =>
        {
            var body = await JsonEndpoint.ReadAsync(http, VectorPoolJsonContext.Default.DeletePointsBody, ct).ConfigureAwait(false);
            var result = await scope(http, root).DeletePointsAsync(name, body.Ids!, ct).ConfigureAwait(false);
            return JsonEndpoint.Ok(result, VectorPoolJsonContext.Default.UpsertResult);
        }));
        group.MapPost("/{name}/search", (HttpContext http, string name, IVectorPool root, TimeProvider time) => JsonEndpoint.Run(http, async ct =>
        {
            var body = await JsonEndpoint.ReadAsync(http, VectorPoolJsonContext.Default.SearchBody, ct).ConfigureAwait(false);
            var result = await scope(http, root).SearchAsync(ToRequest(name, body, time, ""), ct).ConfigureAwait(false);
            return JsonEndpoint.Ok(result, VectorPoolJsonContext.Default.VectorSearchResult);
        }));
        group.MapPost("/{name}/search/batch", (HttpContext http, string name, IVectorPool root, TimeProvider time) => JsonEndpoint.Run(http, async ct =>
        {
            var body = await JsonEndpoint.ReadAsync(http, VectorPoolJsonContext.Default.BatchSearchBody, ct).ConfigureAwait(false);
            if (body.Searches is null)
            {
                throw VectorPoolException.Invalid("'searches' is required", "searches");
            }

            var requests = body.Searches.Select((s, i) => ToRequest(name, s, time, $"searches[{i}].")).ToList();
            var results = await scope(http, root).SearchBatchAsync(requests, ct).ConfigureAwait(false);
            return JsonEndpoint.Ok(new BatchSearchResponse(results), VectorPoolJsonContext.Default.BatchSearchResponse);
        }));

        // Unknown sub-routes and methods answer in the error shape too, not with an empty 404/405.
        endpoints.MapFallback("/v1/collections/{**rest}", http => JsonEndpoint.Run(http, _ =>
            throw new VectorPoolException(404, "not_found_error", $"no collections endpoint at {http.Request.Method} {http.Request.Path}", null, "unknown_route")));
    }

    private static VectorSearchRequest ToRequest(string name, SearchBody? body, TimeProvider time, string prefix)
    {
        if (body is null)
        {
            throw VectorPoolException.Invalid("a search must be a JSON object", prefix.TrimEnd('.'));
        }

        if (body.DeadlineMs is { } ms && ms is < 0 or > 86_400_000)
        {
            throw VectorPoolException.Invalid("'deadline_ms' must be 0 to 86400000", prefix + "deadline_ms");
        }

        return new VectorSearchRequest
        {
            Collection = name,
            Vector = body.Vector,
            Text = body.Text,
            K = body.K,
            Filter = body.Filter,
            Nprobe = body.Nprobe,
            Ef = body.Ef,
            Stage = body.Stage,
            Deadline = body.DeadlineMs is { } relative ? time.GetUtcNow().AddMilliseconds(relative) : null,
        };
    }
}
