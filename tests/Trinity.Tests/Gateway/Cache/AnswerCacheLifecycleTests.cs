using Trinity.Gateway.Cache;
using Trinity.Tests.Common.Time;

namespace Trinity.Tests.Gateway.Cache;

public sealed class AnswerCacheLifecycleTests
{
    private const string Collection = "trinity-answer-cache";

    [Fact]
    public async Task Lookup_AfterTtl_MissAndPointDeleted()
    {
        using var rig = await CacheRig.StartAsync(new AnswerCacheOptions { TtlSeconds = 60 });
        var query = rig.Query("How do I reset my password?");
        await rig.StoreAsync(query);
        rig.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await rig.LookupAsync(rig.Query("How do I reset my password?")));

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await rig.LookupAsync(rig.Query("How do I reset my password?")));
        Assert.Null(await rig.LookupAsync(rig.Query("how can I reset my password")));
        await rig.Writes.WhenIdleAsync();
        Assert.Equal(0, rig.Cache.Count);
        Assert.Equal(0, rig.Pool.Count(Collection));
    }

    [Fact]
    public async Task Sweep_ExpiredAnswers_RemovedFromMemoryAndPool()
    {
        using var rig = await CacheRig.StartAsync(new AnswerCacheOptions { TtlSeconds = 10 });
        await rig.StoreAsync(rig.Query("first question"));
        rig.Time.Advance(TimeSpan.FromSeconds(5));
        await rig.StoreAsync(rig.Query("second question"));
        rig.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(1, await rig.Cache.SweepAsync(CancellationToken.None));
        Assert.Equal(1, rig.Cache.Count);
        Assert.Equal(1, rig.Pool.Count(Collection));
        Assert.NotNull(await rig.LookupAsync(rig.Query("second question")));
    }

    [Fact]
    public async Task Store_PastMaxEntries_EvictsLeastRecentlyUsedAndItsPoint()
    {
        using var rig = await CacheRig.StartAsync(new AnswerCacheOptions { MaxEntries = 2 });
        var first = rig.Query("first question about apples");
        var second = rig.Query("second question about pears");
        await rig.StoreAsync(first);
        await rig.StoreAsync(second);
        Assert.NotNull(await rig.LookupAsync(first));

        await rig.StoreAsync(rig.Query("third question about plums"));

        Assert.Equal(2, rig.Cache.Count);
        Assert.NotNull(await rig.LookupAsync(first));
        Assert.Null(await rig.LookupAsync(second));
        Assert.Equal(2, rig.Pool.Count(Collection));
        Assert.Equal([CacheKeyBuilder.Build(second).Id], rig.Pool.Deleted);
    }

    [Fact]
    public async Task Lookup_PoolSlowerThanBudget_MissWithinBudget()
    {
        var pool = new FakeVectorPool();
        using var rig = await CacheRig.StartAsync(new AnswerCacheOptions { LookupBudgetMs = 30 }, pool);
        await rig.StoreAsync(rig.Query("How do I reset my password?"));
        pool.SearchDelay = Timeout.InfiniteTimeSpan;

        // The search never answers; the lookup gives up when the rig's clock passes its 30 ms budget, and not before.
        var started = rig.Time.GetTimestamp();
        var lookup = rig.LookupAsync(rig.Query("how can I reset my password"));
        await rig.Time.StepAsync(TimeSpan.FromMilliseconds(30));
        var hit = await lookup.WaitAsync(ManualTimeExtensions.Hang);

        Assert.Null(hit);
        Assert.Equal(TimeSpan.FromMilliseconds(30), rig.Time.GetElapsedTime(started));
    }

    [Fact]
    public async Task Lookup_DeadlinePassed_MissWithoutSearching()
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("How do I reset my password?"));

        var late = rig.Query("how can I reset my password") with { Deadline = rig.Time.GetUtcNow().AddMilliseconds(-1) };
        Assert.Null(await rig.LookupAsync(late));
        Assert.Equal(0, rig.Pool.Searches);
    }

    [Fact]
    public async Task Lookup_PoolFailing_MissNotError()
    {
        var pool = new FakeVectorPool();
        using var rig = await CacheRig.StartAsync(pool: pool);
        await rig.StoreAsync(rig.Query("How do I reset my password?"));
        pool.FailSearches = true;

        Assert.Null(await rig.LookupAsync(rig.Query("how can I reset my password")));
        Assert.NotNull(await rig.LookupAsync(rig.Query("How do I reset my password?")));
    }

    [Fact]
    public async Task Initialize_PointsOfAnEarlierRun_RestoredExpiredAndExcessDropped()
    {
        var pool = new FakeVectorPool();
        using (var earlier = await CacheRig.StartAsync(pool: pool))
        {
            await earlier.StoreAsync(earlier.Query("old question"));
            earlier.Time.Advance(TimeSpan.FromHours(2));
            await earlier.StoreAsync(earlier.Query("first question about apples"));
            earlier.Time.Advance(TimeSpan.FromSeconds(1));
            await earlier.StoreAsync(earlier.Query("second question about pears"));
            earlier.Time.Advance(TimeSpan.FromSeconds(1));
            await earlier.StoreAsync(earlier.Query("third question about plums"));
        }

        // A new run a moment later, with a TTL of an hour and room for two: the old answer has expired, the first
        // of the three others is the least recent.
        using var rig = await CacheRig.StartAsync(new AnswerCacheOptions { TtlSeconds = 3600, MaxEntries = 2 }, pool, TimeSpan.FromHours(2) + TimeSpan.FromSeconds(3));

        Assert.Equal(2, rig.Cache.Count);
        Assert.Equal(2, pool.Count(Collection));
        Assert.NotNull(await rig.LookupAsync(rig.Query("third question about plums")));
        Assert.NotNull(await rig.LookupAsync(rig.Query("second question about pears")));
        Assert.Null(await rig.LookupAsync(rig.Query("first question about apples")));
        Assert.Equal(2, pool.Deleted.Count);
    }

    [Fact]
    public async Task Initialize_CollectionOfAnotherDimension_ExactTierOnly()
    {
        var pool = new FakeVectorPool();
        await pool.CreateCollectionAsync(new Trinity.VectorGpu.Client.CollectionSpec { Name = Collection, Dimension = 128 }, CancellationToken.None);
        using var rig = await CacheRig.StartAsync(pool: pool);

        await rig.StoreAsync(rig.Query("How do I reset my password?"));

        Assert.NotNull(await rig.LookupAsync(rig.Query("How do I reset my password?")));
        Assert.Null(await rig.LookupAsync(rig.Query("how can I reset my password")));
        Assert.Equal(0, pool.Count(Collection));
        Assert.Equal(0, pool.Searches);
    }

    [Fact]
    public async Task Invalidate_ByField_DropsMatchingAnswersAndPoints()
    {
        using var rig = await CacheRig.StartAsync();
        await rig.StoreAsync(rig.Query("How do I reset my password?", system: "Be terse.", model: "a"));
        await rig.StoreAsync(rig.Query("How do I reset my password?", model: "b"));
        await rig.StoreAsync(rig.Query("What is the capital of France?", model: "b", collection: "docs"));

        Assert.Equal(0, await rig.Cache.InvalidateAsync(new InvalidationFilter("c", null, null, null), CancellationToken.None));
        Assert.Equal(1, await rig.Cache.InvalidateAsync(new InvalidationFilter(null, null, "docs", null), CancellationToken.None));
        Assert.Equal(1, await rig.Cache.InvalidateAsync(new InvalidationFilter(null, "  Be   terse. ", null, null), CancellationToken.None));
        Assert.Equal(1, await rig.Cache.InvalidateAsync(new InvalidationFilter("b", "", null, "how do i RESET my password?"), CancellationToken.None));

        Assert.Equal(0, rig.Cache.Count);
        Assert.Equal(0, rig.Pool.Count(Collection));
    }

    [Fact]
    public async Task Clear_DropsEverythingIncludingUnknownPoints()
    {
        var pool = new FakeVectorPool();
        using var rig = await CacheRig.StartAsync(pool: pool);
        await rig.StoreAsync(rig.Query("first question"));
        await rig.StoreAsync(rig.Query("second question"));
        await pool.UpsertAsync(Collection, [new Trinity.VectorGpu.Client.VectorPoint { Id = "stranger", Text = "not ours" }], CancellationToken.None);

        Assert.Equal(3, await rig.Cache.ClearAsync(CancellationToken.None));
        Assert.Equal(0, rig.Cache.Count);
        Assert.Equal(0, pool.Count(Collection));
        Assert.Null(await rig.LookupAsync(rig.Query("first question")));

        await rig.StoreAsync(rig.Query("third question"));
        Assert.Equal(1, pool.Count(Collection));
    }
}
