using Trinity.Engine.KvTransfer;
using Trinity.Engine.Model;

namespace Trinity.Tests.Engine.Core.KvTransfer;

/// <summary>
/// Wraps a connector and breaks its hand-overs on purpose, so tests reach every failure path without a switch in
/// production options. <see cref="Corrupt"/> sends each fetched cache through the wire format with one payload byte
/// flipped (the checksum must catch it); <see cref="FailWith"/> makes every fetch fail with that reason.
/// </summary>
internal sealed class FaultInjectingKvConnector(IKvConnector inner, ModelFolder model, KvLayout layout) : IKvConnector
{
    private int _fetches;

    public bool Corrupt { get; init; }

    public KvFailure? FailWith { get; init; }

    /// <summary>Fetches asked for so far.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>Completes when the first fetch is asked for; the fetch then waits for <see cref="Proceed"/>, when set.</summary>
    public TaskCompletionSource FetchStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task? Proceed { get; init; }

    public KvHandle? Publish(KvCache kv) => inner.Publish(kv);

    public bool Release(KvHandle handle) => inner.Release(handle);

    public async ValueTask<KvFetchResult> FetchAsync(KvHandle handle, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        FetchStarted.TrySetResult();
        if (Proceed is not null)
        {
            await Proceed.WaitAsync(cancellationToken);
        }

        if (FailWith is { } reason)
        {
            return KvFetchResult.Failed(reason, $"injected {reason} failure");
        }

        var result = await inner.FetchAsync(handle, cancellationToken);
        if (!Corrupt || result.Kv is not { } kv)
        {
            return result;
        }

        byte[] frame;
        using (kv)
        {
            frame = KvCacheBlob.Export(kv, 0, 0, kv.Length, model.Config, model.Fingerprint, layout);
        }

        frame[KvCacheBlob.HeaderSize + ((frame.Length - KvCacheBlob.HeaderSize) / 2)] ^= 0x5A;
        try
        {
            return KvFetchResult.Success(KvCacheBlob.Import(frame, model.Config, model.Fingerprint, layout), frame.Length, TimeSpan.Zero);
        }
        catch (KvFormatException ex)
        {
            return KvFetchResult.Failed(ex.Reason, ex.Message);
        }
    }
}
