using System.Diagnostics.Metrics;

namespace Trinity.Gateway.Scheduling;

/// <summary>SLO attainment per policy and stage (<c>trinity_slo_requests_total{policy, stage="ttft"|"tpot", outcome="met"|"missed"}</c>)
/// and admission refusals.</summary>
internal sealed class SloMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejections;

    public SloMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("Trinity.Slo");
        _requests = meter.CreateCounter<long>("trinity.slo.requests", "{request}", "Requests by SLO policy, stage (ttft, tpot) and outcome (met, missed)");
        _rejections = meter.CreateCounter<long>("trinity.slo.rejections", "{request}", "Requests refused (429) because their TTFT budget could not be met at the current load");
    }

    public void Record(string policy, string stage, bool met) =>
        _requests.Add(1, new("policy", policy), new("stage", stage), new("outcome", met ? "met" : "missed"));

    public void Rejected(string policy) => _rejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
}
