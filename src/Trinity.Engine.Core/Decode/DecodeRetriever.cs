using Trinity.Contracts;
using Trinity.Tokenization;
using Trinity.VectorGpu.Client;

namespace Trinity.Engine.Decode;

/// <summary>
/// One decode-stage search for a sequence: asks the vector pool with stage <c>decode</c> and the request's TPOT
/// deadline, keeps chunks the sequence has not seen, and turns them into context tokens with the request's template.
/// It never fails the sequence: a slow, failing or empty search completes with no context after at most the
/// request's longest wait, and the sequence generates on without it.
/// </summary>
internal static class DecodeRetriever
{
    /// <summary>Most context tokens one search may append.</summary>
    public const int MaxContextTokens = 256;

    public static async Task SearchAsync(IVectorPool pool, ITokenizer tokenizer, DecodeRetrieval retrieval, string query,
        HashSet<string> seen, int room, DecodeRetrievalCall call, Action wake, TimeProvider time)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(retrieval.MaxWaitMs), time);
        try
        {
            var result = await pool.SearchAsync(new VectorSearchRequest
            {
                Collection = retrieval.Collection,
                Text = query.Length > 0 ? query : " ",
                K = retrieval.K,
                Stage = SearchStage.Decode,
                Deadline = time.GetUtcNow().AddMilliseconds(retrieval.DeadlineMs),
            }, wait.Token).ConfigureAwait(false);

            var texts = new List<string>();
            foreach (var hit in result.Results)
            {
                if (seen.Add(hit.Id.Value) && ChunkText(hit) is { Length: > 0 } text)
                {
                    texts.Add(text);
                }
            }

            var limit = Math.Min(MaxContextTokens, room);
            if (texts.Count == 0 || limit <= 0)
            {
                call.Complete([], "empty");
                return;
            }

            var tokens = tokenizer.Encode(retrieval.Template.Replace("{context}", string.Join("\n", texts), StringComparison.Ordinal));
            call.Complete(tokens.Length > limit ? tokens[..limit] : tokens, "injected");
        }
        catch (OperationCanceledException)
        {
            call.Complete([], "timeout");
        }
        catch (VectorPoolException)
        {
            call.Complete([], "error");
        }
        finally
        {
            wake();
        }
    }

    /// <summary>The chunk's text from its payload (<c>text</c>, as ingestion stores it).</summary>
    private static string? ChunkText(VectorHit hit) =>
        hit.Payload is { ValueKind: System.Text.Json.JsonValueKind.Object } payload
        && payload.TryGetProperty("text", out var text) && text.ValueKind == System.Text.Json.JsonValueKind.String
            ? text.GetString()
            : null;
}
