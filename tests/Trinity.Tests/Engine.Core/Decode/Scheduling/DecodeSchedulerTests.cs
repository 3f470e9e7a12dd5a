using Trinity.Common.Time;
using Trinity.Engine.Decode.Scheduling;

namespace Trinity.Tests.Engine.Core.Decode.Scheduling;

/// <summary>The engine's scheduler on its own: no model, virtual time, the test executes the plans.</summary>
public sealed class DecodeSchedulerTests
{
    private readonly ManualTimeProvider _time = new();

    private DecodeScheduler<FakeSequence> NewScheduler(int maxBatch = 8, long maxKv = 10_000, int chunk = 64) => new(maxBatch, maxKv, chunk, _time);

    [Fact]
    public void Schedule_PromptsShareTheChunkBudget_InArrivalOrder()
    {
        var scheduler = NewScheduler(chunk: 100);
        var a = new FakeSequence("a", 70, 4);
        var b = new FakeSequence("b", 70, 4);
        scheduler.Enqueue(a);
        scheduler.Enqueue(b);

        var plan = scheduler.Schedule();

        Assert.Equal([(a, 70), (b, 30)], plan.Prefill.Select(p => (p.Sequence, p.Tokens)));
        Assert.Empty(plan.DecodeRows);
        FakeSequence.Execute(plan);
        plan = scheduler.Schedule();
        Assert.Equal([a], plan.DecodeRows);
        Assert.Equal([new SlotAssignment<FakeSequence>(a, 0)], plan.Joins);
        Assert.Equal([(b, 40)], plan.Prefill.Select(p => (p.Sequence, p.Tokens)));
    }

    [Fact]
    public void Schedule_KvBudgetFull_QueuesUntilARunningSequenceEnds()
    {
        var scheduler = NewScheduler(maxKv: 100);
        var a = new FakeSequence("a", 40, 40);
        var b = new FakeSequence("b", 30, 30);
        scheduler.Enqueue(a);
        scheduler.Enqueue(b);

        var plan = scheduler.Schedule();
        Assert.Equal([a], plan.Admitted.Select(x => x.Sequence));
        Assert.Equal(1, scheduler.Waiting);
        Assert.Equal(80, scheduler.ReservedTokens);

        _time.Advance(TimeSpan.FromMilliseconds(250));
        a.IsDone = true;
        plan = scheduler.Schedule();
        Assert.Equal([(a, SequencePhase.Prefilling)], plan.Dropped);
        Assert.Equal([(b, TimeSpan.FromMilliseconds(250))], plan.Admitted);
        Assert.Equal(60, scheduler.ReservedTokens);
    }

    [Fact]
    public void Schedule_IdleEngine_AdmitsARequestLargerThanTheBudget()
    {
        var scheduler = NewScheduler(maxKv: 50);
        var big = new FakeSequence("big", 100, 100);
        scheduler.Enqueue(big);

        Assert.Equal([big], scheduler.Schedule().Admitted.Select(x => x.Sequence));
    }

    [Fact]
    public void Schedule_BatchLimit_CountsEveryAdmittedSequence()
    {
        var scheduler = NewScheduler(maxBatch: 2);
        for (var i = 0; i < 3; i++)
        {
            scheduler.Enqueue(new FakeSequence($"s{i}", 4, 4));
        }

        var plan = scheduler.Schedule();
        Assert.Equal(2, plan.Admitted.Count);
        Assert.Equal(1, scheduler.Waiting);
        Assert.Equal(2, scheduler.Running);
    }

    [Fact]
    public void Schedule_RowLeaves_JoinerFillsItsHoleAndNothingElseMoves()
    {
        var scheduler = NewScheduler(chunk: 1000);
        var rows = RunningBatch(scheduler, "a", "b", "c", "d");
        var joiner = new FakeSequence("e", 5, 10);
        scheduler.Enqueue(joiner);
        var plan = scheduler.Schedule();
        FakeSequence.Execute(plan);

        rows[1].IsDone = true;
        plan = scheduler.Schedule();

        Assert.True(plan.RowsDropped);
        Assert.Equal([new SlotAssignment<FakeSequence>(joiner, 1)], plan.Joins);
        Assert.Empty(plan.Moves);
        Assert.Equal([rows[0], joiner, rows[2], rows[3]], plan.DecodeRows);
    }

    [Fact]
    public void Schedule_RowLeavesWithoutJoiner_LastRowMovesIntoTheHole()
    {
        var scheduler = NewScheduler();
        var rows = RunningBatch(scheduler, "a", "b", "c", "d");
        rows[0].IsDone = true;

        var plan = scheduler.Schedule();

        Assert.Equal([new SlotMove(3, 0, rows[3].CachedTokens)], plan.Moves);
        Assert.Equal([rows[3], rows[1], rows[2]], plan.DecodeRows);
    }

    [Fact]
    public void Schedule_LastRowLeaves_NoMove()
    {
        var scheduler = NewScheduler();
        var rows = RunningBatch(scheduler, "a", "b", "c");
        rows[2].IsDone = true;

        var plan = scheduler.Schedule();

        Assert.Empty(plan.Moves);
        Assert.Equal([rows[0], rows[1]], plan.DecodeRows);
    }

    [Fact]
    public void Schedule_ManySteps_EveryRowKeepsOneSlotAndCopiesAreOnlyJoinsAndHoleMoves()
    {
        // A random workload: the plan's slot layout must stay a permutation without holes, and the positions copied per
        // step are bounded by the joining and moving rows' own caches (never the whole batch).
        var scheduler = NewScheduler(maxBatch: 6, chunk: 32);
        var random = new Random(7);
        var slots = new List<FakeSequence>();
        var next = 0;
        for (var step = 0; step < 400; step++)
        {
            if (random.NextDouble() < 0.3)
            {
                scheduler.Enqueue(new FakeSequence($"s{next++}", random.Next(1, 80), random.Next(1, 40)));
            }

            var plan = scheduler.Schedule();
            foreach (var (s, slot) in plan.Detached)
            {
                Assert.Same(slots[slot], s);
            }

            var layout = slots.Select(s => s.IsDone || plan.Detached.Any(d => d.Sequence == s) ? null : s).ToList();
            foreach (var move in plan.Moves)
            {
                Assert.Null(layout[move.To]);
                layout[move.To] = layout[move.From];
                layout[move.From] = null;
                Assert.Equal(layout[move.To]!.CachedTokens, move.Positions);
            }

            foreach (var (s, slot) in plan.Joins)
            {
                while (layout.Count <= slot)
                {
                    layout.Add(null);
                }

                Assert.Null(layout[slot]);
                layout[slot] = s;
            }

            while (layout.Count > 0 && layout[^1] is null)
            {
                layout.RemoveAt(layout.Count - 1);
            }

            Assert.Equal(plan.DecodeRows, layout.Select(s => s!));
            Assert.True(plan.DecodeRows.Count <= 6);
            Assert.Equal(plan.DecodeRows.Count, plan.DecodeRows.Distinct().Count());
            slots = [.. plan.DecodeRows];
            FakeSequence.Execute(plan);
        }

        Assert.True(next > 50);
    }

    [Fact]
    public void Schedule_RowAwaitingRetrieval_ParksAndResumesWithItsInjectedContextFirst()
    {
        var scheduler = NewScheduler(chunk: 16);
        var rows = RunningBatch(scheduler, "a", "b");
        var late = new FakeSequence("late", 40, 8);
        scheduler.Enqueue(late);
        rows[0].AwaitingRetrieval = true;

        var plan = scheduler.Schedule();
        Assert.Equal([new SlotAssignment<FakeSequence>(rows[0], 0)], plan.Detached);
        Assert.Equal([rows[1]], plan.DecodeRows);
        FakeSequence.Execute(plan);

        // The search returns 10 tokens of context (plus the pending token) to feed.
        rows[0].AwaitingRetrieval = false;
        rows[0].Injected = 10;
        rows[0].FeedRemaining = 11;
        var reserved = scheduler.ReservedTokens;
        plan = scheduler.Schedule();
        Assert.Equal(rows[0], plan.Prefill[0].Sequence);
        Assert.Equal(11, plan.Prefill[0].Tokens);
        Assert.Equal(reserved + 10, scheduler.ReservedTokens);
        FakeSequence.Execute(plan);

        plan = scheduler.Schedule();
        Assert.Contains(new SlotAssignment<FakeSequence>(rows[0], 1), plan.Joins);
    }

    [Fact]
    public void Schedule_ImportedSequence_JoinsWithoutPrefill()
    {
        var scheduler = NewScheduler();
        var imported = new FakeSequence("imported", 30, 5) { CachedTokens = 30, FeedRemaining = 0 };
        scheduler.Enqueue(imported);

        var plan = scheduler.Schedule();

        Assert.Empty(plan.Prefill);
        Assert.Equal([imported], plan.DecodeRows);
    }

    [Fact]
    public void ClearRunning_KeepsQueuedSequences()
    {
        var scheduler = NewScheduler(maxBatch: 1);
        var a = new FakeSequence("a", 4, 4);
        var b = new FakeSequence("b", 4, 4);
        scheduler.Enqueue(a);
        scheduler.Enqueue(b);
        scheduler.Schedule();

        Assert.Equal([a], scheduler.ClearRunning());
        Assert.Equal(1, scheduler.Waiting);
        Assert.Equal(0, scheduler.ReservedTokens);
    }

    /// <summary>Admits the named sequences and runs them until all are in the batch.</summary>
    private static List<FakeSequence> RunningBatch(DecodeScheduler<FakeSequence> scheduler, params string[] names)
    {
        var rows = names.Select(n => new FakeSequence(n, 8, 100)).ToList();
        rows.ForEach(scheduler.Enqueue);
        for (var i = 0; i < 4; i++)
        {
            FakeSequence.Execute(scheduler.Schedule());
        }

        Assert.Equal(rows.Count, scheduler.BatchRows);
        return rows;
    }
}
