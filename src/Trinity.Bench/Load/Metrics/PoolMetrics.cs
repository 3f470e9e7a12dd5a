using System.Text.Json.Nodes;

namespace Trinity.Bench.Load.Metrics;

/// <summary>
/// The gateway's <c>/metrics</c> read before and after a run: per-stage latency of the vector pool (histogram
/// <c>trinity_vector_search_duration_seconds{stage}</c> → P50/P99 of the run's searches), the pool's deadline misses
/// and preemptions, and the gateway's own SLO counters (<c>trinity_slo_requests_total</c>, refusals).
/// </summary>
internal static class PoolMetrics
{
    public const string SearchDuration = "trinity_vector_search_duration_seconds";
    public const string DeadlineMisses = "trinity_vector_deadline_misses_total";
    public const string Preemptions = "trinity_vector_preemptions_total";
    public const string SloRequests = "trinity_slo_requests_total";
    public const string SloRejections = "trinity_slo_rejections_total";

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
    }

    private static double? Milliseconds(double seconds) => double.IsNaN(seconds) ? null : Math.Round(seconds * 1000, 3);
}
