using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Trinity.Contracts;

namespace Trinity.Tests.Gateway.Fakes;

/// <summary>Deterministic engine: one ASCII character per step after <see cref="StepDelay"/>. Greedy output is a
/// fixed sentence rotated by a hash of the prompt; sampled output comes from the sequence's seed. It ends with
/// end-of-sequence after <see cref="NaturalLength"/> characters (unless ignore_eos), honours max tokens, stop strings
/// and cancellation, and records what it ran.</summary>
internal sealed class FakeEngine : IGenerationEngine
{
    public const string Sentence = "the quick brown fox jumps over the lazy dog ";
    private int _active;

    public TimeSpan StepDelay { get; set; } = TimeSpan.FromMilliseconds(1);

    public int NaturalLength { get; set; } = 24;

    /// <summary>Throw after this many tokens (engine failure).</summary>
    public int? FailAfter { get; set; }

    /// <summary>Go silent (but keep honouring cancellation) after this many tokens.</summary>
    public int? StallAfter { get; set; }

    public int Active => Volatile.Read(ref _active);

    public ConcurrentQueue<GenerationRequest> Requests { get; } = new();

    /// <summary>Sequences that ended by cancellation, with the tokens they had produced.</summary>
    public ConcurrentDictionary<string, int> Cancelled { get; } = new();

    /// <summary>When each cancelled sequence stopped (<see cref="System.Diagnostics.Stopwatch"/> timestamps).</summary>
    public ConcurrentDictionary<string, long> CancelledAt { get; } = new();

    public static string GreedyText(IReadOnlyList<int> prompt, int length)
    {
        var offset = prompt.Aggregate(17, (h, t) => unchecked(h * 31 + t)) & 0x7fffffff;
        return string.Concat(Enumerable.Range(0, length).Select(i => Sentence[(offset + i) % Sentence.Length]));
    }

    public async IAsyncEnumerable<GenerationOutput> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        Interlocked.Increment(ref _active);
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
                await Task.Delay(StepDelay, cancellationToken);
                if (StallAfter is { } stall && produced >= stall)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
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
            if (!completed)
            {
                CancelledAt[request.RequestId] = System.Diagnostics.Stopwatch.GetTimestamp();
                Cancelled[request.RequestId] = produced;
            }

            Interlocked.Decrement(ref _active);
        }
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
