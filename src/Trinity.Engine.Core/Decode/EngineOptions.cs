using System.ComponentModel.DataAnnotations;

namespace Trinity.Engine.Decode;

/// <summary>Engine loop settings (configuration section <c>Trinity:Engine</c>).</summary>
public sealed record EngineOptions
{
    public const string SectionName = "Trinity:Engine";

    /// <summary>Prompt tokens prefilled per engine step, shared by the sequences being prefilled.</summary>
    [Range(16, 1 << 20)]
    public int PrefillChunkTokens { get; init; } = 512;

    /// <summary>Most sequences decoded together in one forward pass.</summary>
    [Range(1, 4096)]
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>KV budget in tokens: a request is admitted when its prompt plus max tokens fits beside the
    /// requests already running; otherwise it waits in the queue.</summary>
    [Range(16, int.MaxValue)]
    public int MaxKvTokens { get; init; } = 262144;

    /// <summary>Requests that may wait for admission; beyond it submissions are refused (the gateway answers 503).</summary>
    [Range(1, 1 << 20)]
    public int MaxQueuedRequests { get; init; } = 4096;

    /// <summary>ONNX Runtime intra-op threads; 0 takes <c>genai_config.json</c>'s session options.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; init; }
}
