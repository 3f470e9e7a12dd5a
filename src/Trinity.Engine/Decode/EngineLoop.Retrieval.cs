namespace Trinity.Engine.Decode;

/// <summary>Retrieval during decode: sequences wait outside the batch for their decode-stage search, then go on.</summary>
internal sealed partial class EngineLoop
{
    /// <summary>Sequences whose decode-stage search has completed go on: with new context to prefill first (ahead of new
    /// prompts: they block decode, not a first token), or straight back into the batch when nothing was found.</summary>
    private void ResumeParked()
    {
        var front = 0;
        for (var i = 0; i < _parked.Count; i++)
        {
            var s = _parked[i];
            if (s.Retrieval?.Context is not { } context)
            {
                continue;
            }

            _metrics?.DecodeRetrieval(s.Retrieval.Outcome, DateTimeOffset.UtcNow - s.Retrieval.StartedAt);
            s.Retrieval = null;
            _parked.RemoveAt(i--);
            if (context.Length > 0)
            {
                s.Inject(context);
                _reservedTokens += context.Length;
                _prefilling.Insert(front++, s);
            }
            else
            {
                _ready.Add(s);
            }
        }
    }

    /// <summary>Starts a sequence's decode-stage search off the loop thread; the sequence waits outside the batch.</summary>
    private void StartRetrieval(Sequence s)
    {
        var retrieval = s.Request.Retrieval!;
        var call = new DecodeRetrievalCall(DateTimeOffset.UtcNow);
        s.Retrieval = call;
        if (_pool is null || _tokenizer is null)
        {
            call.Complete([], "unavailable");
            return;
        }

        var query = (retrieval.Query + " " + s.TakeRecentText()).Trim();
        var room = s.MaxLength - s.CachedTokens - 2;
        _ = Task.Run(() => DecodeRetriever.SearchAsync(_pool, _tokenizer, retrieval, query, s.SeenChunks, room, call, Wake));
    }
}
