namespace Trinity.Gateway.Engines.Remote;

/// <summary>What a remote engine does for the gateway.</summary>
public enum EngineRole
{
    Prefill,
    Decode,
}
