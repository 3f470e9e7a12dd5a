using Trinity.Engine.Contracts;

namespace Trinity.Engine.Decode;

/// <summary>The engine loop's queues: arrivals, cancellations, admission within the KV budget, and reservations.</summary>
internal sealed partial class EngineLoop
{
    private void DrainIncoming()
    {
        lock (_incoming)
        {
            while (_incoming.TryDequeue(out var s))
            {
                _waiting.Add(s);
            }
        }
    }

    private void DropCancelled()
    {
        DropFrom(_waiting, admitted: false);
        DropFrom(_prefilling, admitted: true);
        DropFrom(_ready, admitted: true);
        DropFrom(_parked, admitted: true);
        foreach (var s in _batch.Rows)
        {
            if (s.IsCancelled || s.Finished is not null)
            {
                s.Finish(FinishReason.Cancelled, [], string.Empty);
                Release(s);
            }
        }
    }

    private void DropFrom(List<Sequence> list, bool admitted)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var s = list[i];
            if (!s.IsCancelled && s.Finished is null)
            {
                continue;
            }

            list.RemoveAt(i);
            s.Finish(FinishReason.Cancelled, [], string.Empty);
            s.Prefilled?.TrySetCanceled();
            if (admitted)
            {
                Release(s);
            }
            else
            {
                Interlocked.Decrement(ref _queued);
            }
        }
    }

    private void Admit()
    {
        while (_waiting.Count > 0)
        {
            var s = _waiting[0];
            var need = s.Prompt.Length + s.Request.MaxTokens;
            var running = _prefilling.Count + _ready.Count + _parked.Count + ActiveRows();
            var idle = running == 0;
            if (!idle && (running >= _options.MaxBatchSize || _reservedTokens + need > _options.MaxKvTokens))
            {
                return;
            }

            _waiting.RemoveAt(0);
            Interlocked.Decrement(ref _queued);
            _reservedTokens += need;
            if (s.FeedComplete && s.OwnKv is not null)
            {
                _ready.Add(s);
            }
            else
            {
                _prefilling.Add(s);
            }
        }
    }

    private void Release(Sequence s)
    {
        if (s.ReservationReleased)
        {
            return;
        }

        s.ReservationReleased = true;
        s.ReleaseKv();
        _reservedTokens -= s.Prompt.Length + s.Request.MaxTokens + s.InjectedTokens;
    }
}
