namespace Trinity.Engine.KvTransfer;

/// <summary>A published KV cache, as the scheduler side names it to the worker side.</summary>
/// <param name="Id">The connector's key for it (opaque to everyone else).</param>
/// <param name="Owner">Base URL of the engine holding it, for connectors that fetch across processes; null in memory.</param>
internal readonly record struct KvHandle(string Id, Uri? Owner = null);
