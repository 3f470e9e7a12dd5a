namespace Trinity.Engine.Decode;

/// <summary>Retrieval during decode: sequences wait outside the batch for their decode-stage search, then go on.</summary>
internal sealed partial class EngineLoop
{
    /// <summary>Takes the results of finished searches: found context is queued as the sequence's feed (the scheduler
    /// prefills it ahead of new prompts); with nothing found the sequence simply goes on decoding.</summary>
    private void CollectRetrievals()
    {
        if (_retrievalsInFlight == 0)
        {
            return;
        }

        foreach (var s in _scheduler.All)
        {
            if (s.Retrieval?.Context is not { } context)
            {
                continue;
            }

            _metrics?.DecodeRetrieval(s.Retrieval.Outcome, _time.GetUtcNow() - s.Retrieval.StartedAt);
            s.Retrieval = null;
            _retrievalsInFlight--;
            if (context.Length > 0 && !s.IsDone)
            {
                s.Inject(context);
            }
        }
    }

    /// <summary>Starts a sequence's decode-stage search off the loop thread; the scheduler parks it outside the batch.</summary>
    private void StartRetrieval(Sequence s)
    {
        var retrieval = s.Request.Retrieval!;
        var call = new DecodeRetrievalCall(_time.GetUtcNow());
        s.Retrieval = call;
        _retrievalsInFlight++;
        if (_pool is null || _tokenizer is null)
        {
            call.Complete([], "unavailable");
            return;
        }

        var query = (retrieval.Query + " " + s.TakeRecentText()).Trim();
        var room = s.MaxLength - s.CachedTokens - 2;
        _ = Task.Run(() => DecodeRetriever.SearchAsync(_pool, _tokenizer, retrieval, query, s.SeenChunks, room, call, Wake, _time));
    }
}
