using Trinity.Contracts;

namespace Trinity.Gateway.Pipeline;

/// <summary>An engine output of the choice at <paramref name="Index"/>.</summary>
internal readonly record struct SequenceEvent(int Index, GenerationOutput Output);
