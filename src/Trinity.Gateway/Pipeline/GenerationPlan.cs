using Trinity.Contracts;
using Trinity.Gateway.Engines;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.Pipeline;

/// <summary>The sequences one validated request generates (one per choice) on one model.</summary>
/// <param name="Model">The served model.</param>
/// <param name="Sequences">One engine request per choice, in choice order.</param>
/// <param name="PromptTokens">Prompt tokens the request is billed for.</param>
internal sealed record GenerationPlan(IServedModel Model, IReadOnlyList<GenerationRequest> Sequences, int PromptTokens)
{
    /// <summary>The request's SLO bookkeeping, when it has been admitted under a policy.</summary>
    public SloTicket? Slo { get; init; }
}
