using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Trinity.Contracts;

namespace Trinity.Tests.Gateway.Fakes;

/// <summary>Deterministic engine: one ASCII character per step after <see cref="StepDelay"/> on <see cref="Time"/>.
/// Greedy output is a fixed sentence rotated by a hash of the prompt; sampled output comes from the sequence's seed. It
/// ends with end-of-sequence after <see cref="NaturalLength"/> characters (unless ignore_eos), honours max tokens, stop strings
/// and cancellation, and records what it ran.</summary>
internal sealed class FakeEngine : IGenerationEngine
{
    public const string Sentence = "the quick brown fox jumps over the lazy dog ";
    private readonly Lock _gate = new();
    private int _active;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan StepDelay { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The clock the steps wait on: a test that orders events by time gives the host's
    /// <see cref="Trinity.Common.Time.ManualTimeProvider"/> and advances it.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public int NaturalLength { get; set; } = 24;

    /// <summary>Throw after this many tokens (engine failure).</summary>
    public int? FailAfter { get; set; }

    /// <summary>Go silent (but keep honouring cancellation) after this many tokens.</summary>
    public int? StallAfter { get; set; }

    public int Active => Volatile.Read(ref _active);

    public ConcurrentQueue<GenerationRequest> Requests { get; } = new();

    /// <summary>Sequences that ended by cancellation, with the tokens they had produced.</summary>
    public ConcurrentDictionary<string, int> Cancelled { get; } = new();

    /// <summary>When each cancelled sequence stopped (<see cref="Time"/>'s timestamps).</summary>
    public ConcurrentDictionary<string, long> CancelledAt { get; } = new();

    /// <summary>Completes once the engine has received <paramref name="count"/> requests: an event to wait on instead of
    /// a delay that a loaded machine may outlast.</summary>
    public Task WaitForRequestsAsync(int count) => WaitUntilAsync(engine => engine.Requests.Count >= count);

    /// <summary>Completes once <paramref name="condition"/> holds, checked whenever a sequence starts or ends.</summary>
    public async Task WaitUntilAsync(Func<FakeEngine, bool> condition)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(this))
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(hang.Token);
        }
    }

    public static string GreedyText(IReadOnlyList<int> prompt, int length)
    {
        var offset = prompt.Aggregate(17, (h, t) => unchecked(h * 31 + t)) & 0x7fffffff;
        return string.Concat(Enumerable.Range(0, length).Select(i => Sentence[(offset + i) % Sentence.Length]));
    }

    public async IAsyncEnumerable<GenerationOutput> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Requests.Enqueue(request);
            Interlocked.Increment(ref _active);
            Signal();
        }

        var produced = 0;
        var completed = false;
        try
        {
            var random = request.Sampling.Temperature > 0 ? new Random(unchecked((int)(request.Sampling.Seed ?? (ulong)Random.Shared.NextInt64()))) : null;
            var greedy = GreedyText(request.PromptTokens, request.MaxTokens + 1);
            var text = new System.Text.StringBuilder();
            var emitted = 0;
            while (true)
            {
                await Task.Delay(StepDelay, Time, cancellationToken);
                if (StallAfter is { } stall && produced >= stall)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, Time, cancellationToken);
                }

                if (FailAfter is { } fail && produced >= fail)
                {
                    throw new InvalidOperationException("fake engine failure");
                }

                if (produced >= NaturalLength && !request.IgnoreEos)
                {
                    completed = true;
                    yield return new GenerationOutput([FakeTokenizer.EosId], text.ToString(emitted, text.Length - emitted), FinishReason.Stop);
                    yield break;
                }

                var next = random is null ? greedy[produced] : Sentence[random.Next(Sentence.Length)];
                text.Append(next);
                produced++;
                var full = text.ToString();
                foreach (var stop in request.Stop)
                {
                    var at = full.IndexOf(stop, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        completed = true;
                        yield return new GenerationOutput([next], full[emitted..Math.Max(emitted, at)], FinishReason.Stop);
                        yield break;
                    }
                }

                var safe = full.Length - HeldBack(full, request.Stop);
                var delta = full[emitted..Math.Max(emitted, safe)];
                emitted = Math.Max(emitted, safe);
                if (produced >= request.MaxTokens)
                {
                    completed = true;
                    yield return new GenerationOutput([next], full[(emitted - delta.Length)..], FinishReason.Length);
                    yield break;
                }

                yield return new GenerationOutput([next], delta);
            }
        }
        finally
        {
            lock (_gate)
            {
                if (!completed)
                {
                    CancelledAt[request.RequestId] = Time.GetTimestamp();
                    Cancelled[request.RequestId] = produced;
                }

                Interlocked.Decrement(ref _active);
                Signal();
            }
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    /// <summary>Length of the longest suffix of <paramref name="text"/> that starts a stop string.</summary>
    private static int HeldBack(string text, IReadOnlyList<string> stops)
    {
        var held = 0;
        foreach (var stop in stops)
        {
            for (var n = Math.Min(stop.Length - 1, text.Length); n > held; n--)
            {
                if (text.AsSpan(text.Length - n).SequenceEqual(stop.AsSpan(0, n)))
                {
                    held = n;
                    break;
                }
            }
        }

        return held;
    }
}
