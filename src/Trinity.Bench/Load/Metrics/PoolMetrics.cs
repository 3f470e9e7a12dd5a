using System.Text.Json.Nodes;

namespace Trinity.Bench.Load.Metrics;

/// <summary>
/// The gateway's <c>/metrics</c> read before and after a run: per-stage latency of the vector pool (histogram
/// <c>trinity_vector_search_duration_seconds{stage}</c> → P50/P99 of the run's searches), the pool's deadline misses
/// and preemptions, the gateway's own SLO counters (<c>trinity_slo_requests_total</c>, refusals), and the decode
/// engine's retrieval waits and outcomes.
/// </summary>
internal static class PoolMetrics
{
    public const string SearchDuration = "trinity_vector_search_duration_seconds";
    public const string DeadlineMisses = "trinity_vector_deadline_misses_total";
    public const string Preemptions = "trinity_vector_preemptions_total";
    public const string SloRequests = "trinity_slo_requests_total";
    public const string SloRejections = "trinity_slo_rejections_total";
    public const string DecodeRetrievals = "trinity_engine_decode_retrievals_total";
    public const string DecodeRetrievalWait = "trinity_engine_decode_retrieval_wait_seconds";

    /// <summary>Reads <c>/metrics</c> beside the OpenAI base URL (…/v1/ → …/metrics); null when the server has none.</summary>
    public static async Task<MetricsSnapshot?> ScrapeAsync(HttpClient http, Uri openAiBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await http.GetAsync(new Uri(openAiBaseUrl, "../metrics")).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? MetricsSnapshot.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false)) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Adds the run's pool and SLO figures from <paramref name="delta"/> (after minus before) to <paramref name="run"/>.</summary>
    public static void AddTo(JsonObject run, MetricsSnapshot delta)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(delta);
        foreach (var stage in new[] { "decode", "prefill" })
        {
            var buckets = delta.Buckets(SearchDuration, ("stage", stage));
            var searches = buckets.Count == 0 ? 0 : buckets[^1].Count;
            run[$"pool_{stage}_searches"] = (long)searches;
            run[$"pool_{stage}_p50_ms"] = Milliseconds(HistogramQuantile.Of(buckets, 0.50));
            run[$"pool_{stage}_p99_ms"] = Milliseconds(HistogramQuantile.Of(buckets, 0.99));
            var misses = delta.Sum(DeadlineMisses, ("stage", stage));
            run[$"pool_{stage}_deadline_misses"] = (long)misses;
            run[$"pool_{stage}_miss_rate"] = searches > 0 ? Math.Round(misses / searches, 4) : null;
        }

        run["pool_preemptions"] = (long)delta.Sum(Preemptions);
        foreach (var stage in new[] { "ttft", "tpot" })
        {
            run[$"server_{stage}_met"] = (long)delta.Sum(SloRequests, ("stage", stage), ("outcome", "met"));
            run[$"server_{stage}_missed"] = (long)delta.Sum(SloRequests, ("stage", stage), ("outcome", "missed"));
        }

        run["server_refused"] = (long)delta.Sum(SloRejections);

        // The decode engine's side of decode-stage retrieval: how long sequences sat outside the batch for their search,
        // and what the searches gave (context injected, nothing new, given up on).
        var wait = delta.Buckets(DecodeRetrievalWait);
        run["decode_retrieval_wait_p50_ms"] = Milliseconds(HistogramQuantile.Of(wait, 0.50));
        run["decode_retrieval_wait_p99_ms"] = Milliseconds(HistogramQuantile.Of(wait, 0.99));
        foreach (var outcome in new[] { "injected", "empty", "timeout", "error" })
        {
            run[$"decode_retrievals_{outcome}"] = (long)delta.Sum(DecodeRetrievals, ("outcome", outcome));
        }
    }

    private static double? Milliseconds(double seconds) => double.IsNaN(seconds) ? null : Math.Round(seconds * 1000, 3);
}
