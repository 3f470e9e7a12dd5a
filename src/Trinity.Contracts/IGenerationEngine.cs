namespace Trinity.Contracts;

/// <summary>What the gateway generates text with: one engine in-process, or prefill + decode engines
/// reached over the network. Implementations never hang: cancellation and engine failures end the stream.</summary>
public interface IGenerationEngine
{
    /// <summary>Streams the continuation of <paramref name="request"/>; the last output carries the finish reason.
    /// Cancelling <paramref name="cancellationToken"/> frees the sequence's slot and KV cache within one step.</summary>
    IAsyncEnumerable<GenerationOutput> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);
}
