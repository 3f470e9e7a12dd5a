using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Trinity.Engine.KvTransfer;

/// <summary>
/// The prefill engine's caches waiting to be pulled, by handle. A cache leaves when it is pulled, cancelled,
/// or when its time-to-live passes (a sweep every second), so an abandoned hand-over never leaks memory.
/// </summary>
internal sealed class KvStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly KvTransferOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;
    private long _bytes;

    public KvStore(IOptions<KvTransferOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _sweep = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _entries.Count;

    public long Expired { get; private set; }

    /// <summary>Stores a cache; null when the store is full.</summary>
    public string? TryAdd(byte[] blob)
    {
        if (Interlocked.Add(ref _bytes, blob.Length) > _options.MaxStoreBytes)
        {
            Interlocked.Add(ref _bytes, -blob.Length);
            return null;
        }

        var handle = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _entries[handle] = new Entry(blob, _time.GetUtcNow().AddSeconds(_options.TtlSeconds));
        return handle;
    }

    /// <summary>Removes and returns a cache (a cache is pulled once).</summary>
    public byte[]? TryTake(string handle)
    {
        if (!_entries.TryRemove(handle, out var entry))
        {
            return null;
        }

        Interlocked.Add(ref _bytes, -entry.Blob.Length);
        return entry.Blob;
    }

    public bool Remove(string handle) => TryTake(handle) is not null;

    public void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (handle, entry) in _entries)
        {
            if (entry.ExpiresAt <= now && Remove(handle))
            {
                Expired++;
            }
        }
    }

    public void Dispose() => _sweep.Dispose();

    private sealed record Entry(byte[] Blob, DateTimeOffset ExpiresAt);
}
