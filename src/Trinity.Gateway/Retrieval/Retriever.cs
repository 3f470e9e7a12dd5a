using System.Text.Json;
using Trinity.Gateway.Errors;
using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Retrieval;

/// <summary>
/// Retrieval before prefill: one prefill-stage search of the shared vector pool, due by the request's TTFT deadline
/// so that the pool can order it against every other query. Pool refusals become errors naming the
/// <c>retrieval</c> field; an unavailable pool is a 503 rather than a silently ungrounded answer.
/// </summary>
internal sealed class Retriever(IVectorPool pool, TimeProvider time)
{
    public async Task<RetrievedContext> RetrieveAsync(RetrievalPlan plan, string query, DateTimeOffset deadline, int maxChunkChars, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        VectorSearchResult result;
        try
        {
            result = await pool.SearchAsync(new VectorSearchRequest
            {
                Collection = plan.Collection,
                Text = string.IsNullOrWhiteSpace(query) ? " " : query,
                K = plan.K,
                Stage = SearchStage.Prefill,
                Deadline = deadline,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (VectorPoolException ex) when (ex.StatusCode == 404)
        {
            throw new PipelineException(
                ErrorKind.NotFound,
                $"The collection '{plan.Name}' named by 'retrieval.collection' does not exist.",
                "retrieval.collection",
                "collection_not_found");
        }
        catch (VectorPoolException ex) when (ex.StatusCode is >= 400 and < 500)
        {
            throw PipelineErrors.Invalid($"Retrieval was refused: {ex.Message.Replace(plan.Collection, plan.Name, StringComparison.Ordinal)}", "retrieval", ex.Code);
        }
        catch (VectorPoolException ex)
        {
            throw PipelineErrors.Overloaded($"The vector pool is unavailable for retrieval ({ex.Message}); please retry.", TimeSpan.FromSeconds(1));
        }

        var chunks = result.Results
            .Select(hit => (hit.Id.Value, (double)hit.Score, Text(hit.Payload, maxChunkChars)))
            .Where(c => c.Item3.Length > 0)
            .ToList();
        return new RetrievedContext(chunks, time.GetElapsedTime(start));
    }

    /// <summary>The chunk's text: payload field <c>text</c> (as ingestion stores it), cut to a bound.</summary>
    private static string Text(JsonElement? payload, int maxChars)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            return string.Empty;
        }

        var value = text.GetString() ?? string.Empty;
        return value.Length <= maxChars ? value : value[..maxChars];
    }
}
