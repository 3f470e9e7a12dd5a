namespace Trinity.Bench.Soak;

/// <summary>What one soak request does.</summary>
internal enum SoakOperation
{
    /// <summary>A streamed chat completion of a new prompt (a cache miss whose answer is stored).</summary>
    Chat,

    /// <summary>A streamed chat completion grounded in the soak collection (RAG before prefill).</summary>
    Rag,

    /// <summary>One of a few repeated prompts, answered from the answer cache after its first time.</summary>
    CacheHit,

    /// <summary>Embeddings of a few strings.</summary>
    Embeddings,

    /// <summary>Documents (re-)ingested into a bounded set of ids.</summary>
    Ingest,

    /// <summary>A streamed chat completion the client abandons after its first chunk.</summary>
    Disconnect,
}
