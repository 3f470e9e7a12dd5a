using System.Diagnostics.Metrics;
using Trinity.Contracts;

namespace Trinity.Gateway.Diagnostics;

/// <summary>The gateway's instruments (meter <c>Trinity.Gateway</c>). Names follow vLLM's serving metrics so that
/// dashboards carry over: <c>trinity.time_to_first_token</c> in seconds is exported as
/// <c>trinity_time_to_first_token_seconds</c>.</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Trinity.Gateway";

    private static readonly double[] LatencyBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640];

    private static readonly double[] TokenGapBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10];

    private Func<long> _running = static () => 0;
    private Func<long> _waiting = static () => 0;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        HttpRequests = meter.CreateCounter<long>("trinity.http.requests", "{request}", "HTTP requests by route, method and status code.");
        HttpDuration = Histogram(meter, "trinity.http.request.duration", "HTTP request duration by route.", LatencyBuckets);
        TimeToFirstToken = Histogram(meter, "trinity.time_to_first_token", "Arrival to first generated token.", LatencyBuckets);
        InterTokenLatency = Histogram(meter, "trinity.inter_token_latency", "Gap between consecutive outputs of a sequence.", TokenGapBuckets);
        E2eLatency = Histogram(meter, "trinity.e2e_request_latency", "Arrival to last generated token of a request.", LatencyBuckets);
        QueueTime = Histogram(meter, "trinity.request_queue_time", "Wait of a sequence for an engine slot.", LatencyBuckets);
        PromptTokens = meter.CreateCounter<long>("trinity.prompt_tokens", "{token}", "Prompt tokens of generation requests.");
        GenerationTokens = meter.CreateCounter<long>("trinity.generation_tokens", "{token}", "Generated tokens.");
        RequestSuccess = meter.CreateCounter<long>("trinity.request_success", "{sequence}", "Sequences finished, by finish reason.");
        EmbeddingInputs = meter.CreateCounter<long>("trinity.embedding_inputs", "{input}", "Inputs embedded by /v1/embeddings.");
        meter.CreateObservableGauge("trinity.num_requests_running", () => _running(), "{sequence}", "Sequences holding an engine slot.");
        meter.CreateObservableGauge("trinity.num_requests_waiting", () => _waiting(), "{sequence}", "Sequences waiting for an engine slot.");
    }

    public Counter<long> HttpRequests { get; }

    /// <summary>Reports the admission gate's running and waiting sequences in the two gauges (which exist, reading 0,
    /// from the start, so that a scrape before the first generation request already lists them).</summary>
    public void ObserveAdmission(Func<long> running, Func<long> waiting)
    {
        _running = running;
        _waiting = waiting;
    }

    public Histogram<double> HttpDuration { get; }

    public Histogram<double> TimeToFirstToken { get; }

    public Histogram<double> InterTokenLatency { get; }

    public Histogram<double> E2eLatency { get; }

    public Histogram<double> QueueTime { get; }

    public Counter<long> PromptTokens { get; }

    public Counter<long> GenerationTokens { get; }

    public Counter<long> RequestSuccess { get; }

    public Counter<long> EmbeddingInputs { get; }

    /// <summary>The <c>model_name</c> tag (a string: recording it boxes nothing).</summary>
    public static KeyValuePair<string, object?> Model(string name) => new("model_name", name);

    public void RecordFinished(string model, FinishReason reason) =>
        RequestSuccess.Add(1, Model(model), new KeyValuePair<string, object?>("finished_reason", FinishReasons.ToWire(reason)));

    private static Histogram<double> Histogram(Meter meter, string name, string description, double[] buckets) =>
        meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
}
