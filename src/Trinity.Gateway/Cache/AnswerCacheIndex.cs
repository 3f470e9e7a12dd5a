namespace Trinity.Gateway.Cache;

/// <summary>
/// The in-memory side of the cache: the exact tier (entries by key) and the bookkeeping of both tiers (recency for
/// LRU eviction, creation time for expiry). Every method returns the entries it dropped so that the caller deletes
/// their pool points; nothing here does I/O, so one short lock covers it.
/// </summary>
internal sealed class AnswerCacheIndex(int capacity, TimeSpan ttl)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);

    // First = most recently used.
    private readonly LinkedList<CacheEntry> _recency = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public TimeSpan Ttl => ttl;

    /// <summary>The live entry with this id, marked as just used; an expired one is removed and handed back in
    /// <paramref name="expired"/>.</summary>
    public CacheEntry? Get(string id, DateTimeOffset now, out CacheEntry? expired)
    {
        expired = null;
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                return null;
            }

            if (entry.IsExpired(now, ttl))
            {
                RemoveLocked(entry);
                expired = entry;
                return null;
            }

            _recency.Remove(entry.Node!);
            _recency.AddFirst(entry.Node!);
            return entry;
        }
    }

    /// <summary>Adds <paramref name="entry"/> as the most recently used (replacing an entry with the same id);
    /// returns the least recently used entries pushed out past the capacity.</summary>
    public List<CacheEntry> Add(CacheEntry entry) => Add(entry, replace: true, out _);

    /// <summary>Adds an entry found in the pool unless its id is known; <paramref name="added"/> says which.</summary>
    public List<CacheEntry> Adopt(CacheEntry entry, out bool added) => Add(entry, replace: false, out added);

    public List<CacheEntry> RemoveExpired(DateTimeOffset now) => RemoveWhere(e => e.IsExpired(now, ttl));

    public List<CacheEntry> RemoveWhere(Func<CacheEntry, bool> match)
    {
        lock (_lock)
        {
            var removed = _entries.Values.Where(match).ToList();
            foreach (var entry in removed)
            {
                RemoveLocked(entry);
            }

            return removed;
        }
    }

    public List<CacheEntry> Clear() => RemoveWhere(_ => true);

    private List<CacheEntry> Add(CacheEntry entry, bool replace, out bool added)
    {
        var evicted = new List<CacheEntry>();
        lock (_lock)
        {
            if (_entries.TryGetValue(entry.Key.Id, out var existing))
            {
                if (!replace)
                {
                    added = false;
                    return evicted;
                }

                RemoveLocked(existing);
            }

            entry.Node = _recency.AddFirst(entry);
            _entries[entry.Key.Id] = entry;
            while (_entries.Count > capacity)
            {
                var oldest = _recency.Last!.Value;
                RemoveLocked(oldest);
                evicted.Add(oldest);
            }

            added = true;
            return evicted;
        }
    }

    private void RemoveLocked(CacheEntry entry)
    {
        _entries.Remove(entry.Key.Id);
        if (entry.Node is { List: not null } node)
        {
            _recency.Remove(node);
        }
    }
}
