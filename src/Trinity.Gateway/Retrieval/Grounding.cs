using Trinity.Contracts;
using Trinity.Gateway.Pipeline;
using Trinity.Tokenization;

namespace Trinity.Gateway.Retrieval;

/// <summary>A request after retrieval: the conversation to render (with context when any was found) and, in interval
/// mode, what the decode engine searches while generating.</summary>
internal sealed record Grounding(IReadOnlyList<ChatMessage> Messages, DecodeRetrieval? DuringDecode)
{
    /// <summary>Attaches the decode-stage retrieval to every sequence of the plan.</summary>
    public GenerationPlan Apply(GenerationPlan plan) => DuringDecode is null
        ? plan
        : plan with { Sequences = plan.Sequences.Select(s => s with { Retrieval = DuringDecode }).ToList() };
}
