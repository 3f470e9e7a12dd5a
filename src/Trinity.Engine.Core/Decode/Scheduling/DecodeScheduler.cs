namespace Trinity.Engine.Decode.Scheduling;

/// <summary>
/// The engine's scheduler, apart from the executor (vLLM's split): admission within the KV budget and the batch
/// limit, prefill chunks under a per-step token budget, decode slots (holes filled by joining sequences first, then by
/// moving the last row, so no step relays out the batch), and parking for decode-stage retrieval. Pure: it reads
/// sequences through <see cref="IScheduledSequence"/>, keeps no model state, does no I/O and reads time only from the
/// injected <see cref="TimeProvider"/>, so tests and the simulator drive it without a model.
/// Not thread-safe: the engine loop's thread only.
/// </summary>
internal sealed class DecodeScheduler<T> where T : class, IScheduledSequence
{
    private readonly int _maxBatch;
    private readonly long _maxKvTokens;
    private readonly int _prefillChunkTokens;
    private readonly TimeProvider _time;
    private readonly List<Entry> _waiting = [];
    private readonly List<Entry> _prefilling = [];
    private readonly List<Entry> _ready = [];
    private readonly List<Entry> _parked = [];
    private readonly List<Entry?> _slots = [];
    private readonly StepPlan<T> _plan = new();

    public DecodeScheduler(int maxBatch, long maxKvTokens, int prefillChunkTokens, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKvTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefillChunkTokens, 1);
        ArgumentNullException.ThrowIfNull(time);
        _maxBatch = maxBatch;
        _maxKvTokens = maxKvTokens;
        _prefillChunkTokens = prefillChunkTokens;
        _time = time;
    }

    /// <summary>KV tokens reserved by admitted sequences.</summary>
    public long ReservedTokens { get; private set; }

    /// <summary>Sequences queued for admission.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Admitted sequences: prefilling, ready, parked or in the batch.</summary>
    public int Running => _prefilling.Count + _ready.Count + _parked.Count + _slots.Count;

    /// <summary>Rows of the decode batch after the last plan.</summary>
    public int BatchRows => _slots.Count;

    /// <summary>Every sequence the scheduler holds, in any phase.</summary>
    public IEnumerable<T> All => _waiting.Concat(_prefilling).Concat(_ready).Concat(_parked).Concat(_slots.OfType<Entry>()).Select(e => e.Sequence);

    /// <summary>Sums <paramref name="measure"/> over the sequences outside the batch without allocating (per step).</summary>
    public long SumOutsideBatch(Func<T, long> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        long total = 0;
        foreach (var list in (ReadOnlySpan<List<Entry>>)[_prefilling, _ready, _parked])
        {
            foreach (var e in list)
            {
                total += measure(e.Sequence);
            }
        }

        return total;
    }

    /// <summary>Queues a sequence for admission.</summary>
    public void Enqueue(T sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        _waiting.Add(new Entry(sequence, _time.GetUtcNow()));
    }

    /// <summary>Decides the next step. The returned plan is reused by the next call.</summary>
    public StepPlan<T> Schedule()
    {
        var plan = _plan;
        plan.Clear();
        plan.At = _time.GetUtcNow();
        DropDone(plan);
        DetachForRetrieval(plan);
        AdvancePrefilled();
        ResumeParked();
        Admit(plan);
        FillSlots(plan);
        foreach (var slot in _slots)
        {
            plan.DecodeRows.Add(slot!.Sequence);
        }

        var budget = _prefillChunkTokens;
        foreach (var e in _prefilling)
        {
            if (budget <= 0)
            {
                break;
            }

            var tokens = Math.Min(budget, e.Sequence.FeedRemaining);
            if (tokens > 0)
            {
                plan.Prefill.Add(new PrefillChunk<T>(e.Sequence, tokens));
                budget -= tokens;
            }
        }

        return plan;
    }

    /// <summary>Removes every sequence (engine shutdown) and returns them; reservations are returned.</summary>
    public List<T> Clear()
    {
        var all = _waiting.Select(e => e.Sequence).ToList();
        _waiting.Clear();
        all.AddRange(ClearRunning());
        return all;
    }

    /// <summary>Removes every admitted sequence (after an engine failure) and returns them; queued ones stay queued.</summary>
    public List<T> ClearRunning()
    {
        var all = _prefilling.Concat(_ready).Concat(_parked).Concat(_slots.OfType<Entry>()).Select(e => e.Sequence).ToList();
        _prefilling.Clear();
        _ready.Clear();
        _parked.Clear();
        _slots.Clear();
        ReservedTokens = 0;
        return all;
    }

    private void DropDone(StepPlan<T> plan)
    {
        DropFrom(_waiting, SequencePhase.Waiting, plan);
        DropFrom(_prefilling, SequencePhase.Prefilling, plan);
        DropFrom(_ready, SequencePhase.Ready, plan);
        DropFrom(_parked, SequencePhase.Parked, plan);
        for (var i = 0; i < _slots.Count; i++)
        {
            if (_slots[i] is { } e && e.Sequence.IsDone)
            {
                _slots[i] = null;
                ReservedTokens -= e.Reserved;
                plan.Dropped.Add((e.Sequence, SequencePhase.Running));
                plan.RowsDropped = true;
            }
        }
    }

    private void DropFrom(List<Entry> list, SequencePhase phase, StepPlan<T> plan)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var e = list[i];
            if (e.Sequence.IsDone)
            {
                list.RemoveAt(i);
                ReservedTokens -= e.Reserved;
                plan.Dropped.Add((e.Sequence, phase));
            }
        }
    }

    private void DetachForRetrieval(StepPlan<T> plan)
    {
        for (var i = 0; i < _slots.Count; i++)
        {
            // A row leaves for a search in flight, or for context a finished search injected (prefilled on its own cache).
            if (_slots[i] is { } e && (e.Sequence.AwaitingRetrieval || e.Sequence.FeedRemaining > 0))
            {
                _slots[i] = null;
                plan.Detached.Add(new SlotAssignment<T>(e.Sequence, i));
                _parked.Add(e);
            }
        }
    }

    private void AdvancePrefilled()
    {
        for (var i = 0; i < _prefilling.Count; i++)
        {
            var e = _prefilling[i];
            if (e.Sequence.FeedRemaining > 0)
            {
                continue;
            }

            _prefilling.RemoveAt(i--);
            (e.Sequence.AwaitingRetrieval ? _parked : _ready).Add(e);
        }
    }

    /// <summary>Parked sequences whose search finished go on: injected context is prefilled ahead of new prompts (it
    /// blocks decode, not a first token); with nothing injected they rejoin the batch.</summary>
    private void ResumeParked()
    {
        var front = 0;
        for (var i = 0; i < _parked.Count; i++)
        {
            var e = _parked[i];
            if (e.Sequence.AwaitingRetrieval)
            {
                continue;
            }

            _parked.RemoveAt(i--);
            var needed = e.Sequence.KvTokensNeeded;
            ReservedTokens += needed - e.Reserved;
            e.Reserved = needed;
            if (e.Sequence.FeedRemaining > 0)
            {
                _prefilling.Insert(front++, e);
            }
            else
            {
                _ready.Add(e);
            }
        }
    }

    private void Admit(StepPlan<T> plan)
    {
        while (_waiting.Count > 0)
        {
            var e = _waiting[0];
            var need = e.Sequence.KvTokensNeeded;
            var running = Running;
            if (running > 0 && (running >= _maxBatch || ReservedTokens + need > _maxKvTokens))
            {
                return;
            }

            _waiting.RemoveAt(0);
            e.Reserved = need;
            ReservedTokens += need;
            plan.Admitted.Add((e.Sequence, plan.At - e.EnqueuedAt));
            // A sequence whose cache was imported (prefilled elsewhere) has nothing to feed and joins directly.
            (e.Sequence.FeedRemaining > 0 ? _prefilling : _ready).Add(e);
        }
    }

    private void FillSlots(StepPlan<T> plan)
    {
        var hole = 0;
        foreach (var e in _ready)
        {
            while (hole < _slots.Count && _slots[hole] is not null)
            {
                hole++;
            }

            if (hole == _slots.Count)
            {
                _slots.Add(null);
            }

            _slots[hole] = e;
            plan.Joins.Add(new SlotAssignment<T>(e.Sequence, hole));
        }

        _ready.Clear();
        while (_slots.Count > 0 && _slots[^1] is null)
        {
            _slots.RemoveAt(_slots.Count - 1);
        }

        for (var i = 0; i < _slots.Count; i++)
        {
            if (_slots[i] is not null)
            {
                continue;
            }

            var last = _slots.Count - 1;
            var moving = _slots[last]!;
            _slots[i] = moving;
            _slots.RemoveAt(last);
            plan.Moves.Add(new SlotMove(last, i, moving.Sequence.CachedTokens));
            while (_slots.Count > 0 && _slots[^1] is null)
            {
                _slots.RemoveAt(_slots.Count - 1);
            }
        }
    }

    private sealed class Entry(T sequence, DateTimeOffset enqueuedAt)
    {
        public T Sequence { get; } = sequence;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public long Reserved { get; set; }
    }
}
