using Microsoft.Extensions.Options;
using Trinity.Common.Time;
using Trinity.Gateway.Retrieval.Ingestion;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

public sealed class IngestJobStoreTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void TryGet_FinishedJobPastItsTtl_IsGoneWhileUnfinishedJobsStay()
    {
        var store = Store(new IngestionOptions { JobTtl = TimeSpan.FromMinutes(10) });
        var finished = store.Create(Plan());
        var running = store.Create(Plan());
        var queued = store.Create(Plan());
        Assert.NotNull(running.TryStart(_time.GetUtcNow()));
        finished.TryStart(_time.GetUtcNow());
        finished.Finish(IngestJobState.Succeeded, null, _time.GetUtcNow());

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(store.TryGet(finished.Id, out _));
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.False(store.TryGet(finished.Id, out _));
        Assert.True(store.TryGet(running.Id, out _));
        Assert.True(store.TryGet(queued.Id, out _));
    }

    [Fact]
    public void Create_AtTheRecordCap_DropsTheOldestFinishedJob()
    {
        var store = Store(new IngestionOptions { MaxJobRecords = 3, JobQueueCapacity = 1 });
        var jobs = Enumerable.Range(0, 3).Select(_ => store.Create(Plan())).ToList();
        foreach (var job in jobs.Skip(1).Reverse())
        {
            job.TryStart(_time.GetUtcNow());
            job.Finish(IngestJobState.Succeeded, null, _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var added = store.Create(Plan());

        Assert.Equal(3, store.Count);
        Assert.False(store.TryGet(jobs[2].Id, out _));
        Assert.True(store.TryGet(jobs[0].Id, out _));
        Assert.True(store.TryGet(jobs[1].Id, out _));
        Assert.True(store.TryGet(added.Id, out _));
    }

    [Fact]
    public async Task CancelAsync_QueuedJob_NeverStarts()
    {
        var job = Store(new IngestionOptions()).Create(Plan());

        var before = await job.CancelAsync(_time.GetUtcNow());

        Assert.Equal(IngestJobState.Queued, before);
        Assert.Null(job.TryStart(_time.GetUtcNow()));
        var view = job.ToView();
        Assert.Equal(IngestJobState.Cancelled, view.State);
        Assert.Equal("cancelled", view.Error?.Code);
        Assert.Null(view.StartedAt);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), view.FinishedAt);
    }

    [Fact]
    public async Task CancelAsync_RunningJob_FiresItsTokenAndKeepsTheStateForTheWorker()
    {
        var job = Store(new IngestionOptions()).Create(Plan());
        job.TryStart(_time.GetUtcNow());

        var before = await job.CancelAsync(_time.GetUtcNow());

        Assert.Equal(IngestJobState.Running, before);
        Assert.True(job.CancellationToken.IsCancellationRequested);
        Assert.Equal(IngestJobState.Running, job.State);
        job.Finish(IngestJobState.Cancelled, IngestJob.CancelledError("stopped"), _time.GetUtcNow());
        job.Finish(IngestJobState.Succeeded, null, _time.GetUtcNow());
        Assert.Equal(IngestJobState.Cancelled, job.State);
    }

    private IngestJobStore Store(IngestionOptions options) => new(Options.Create(options), _time);

    private static IngestPlan Plan() => new("c", [new IngestDocument { Id = "a", Text = "text" }], 256, 32, 4);
}
