namespace Trinity.Gateway.Scheduling;

/// <summary>
/// Named SLO policies and which requests they govern (configuration section <c>Trinity:Slo</c>). A request takes the
/// policy named by its <c>x-trinity-slo</c> header, else its route's, else its model's, else <see cref="DefaultPolicy"/>.
/// </summary>
public sealed record SloOptions
{
    public const string SectionName = "Trinity:Slo";

    public IReadOnlyDictionary<string, SloPolicy> Policies { get; init; } = new Dictionary<string, SloPolicy>(StringComparer.Ordinal)
    {
        ["default"] = new SloPolicy(),
    };

    public string DefaultPolicy { get; init; } = "default";

    /// <summary>Model name → policy name.</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Route (e.g. <c>/v1/chat/completions</c>) → policy name.</summary>
    public IReadOnlyDictionary<string, string> Routes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Refuse (429) requests whose TTFT budget the current load cannot meet.</summary>
    public bool AdmissionControl { get; init; } = true;

    /// <summary>Requests observed before admission control trusts its estimate.</summary>
    public int WarmupRequests { get; init; } = 20;
}
