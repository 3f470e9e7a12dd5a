using Trinity.Engine.Decode.Scheduling;

namespace Trinity.Tests.Engine.Core.Decode.Scheduling;

/// <summary>A sequence without a model: the test plays the executor, moving tokens through it.</summary>
internal sealed class FakeSequence(string name, int prompt, int maxTokens) : IScheduledSequence
{
    public string Name { get; } = name;

    public int Prompt { get; } = prompt;

    public int MaxTokens { get; } = maxTokens;

    public int Injected { get; set; }

    public int KvTokensNeeded => Prompt + MaxTokens + Injected;

    public int CachedTokens { get; set; }

    public int FeedRemaining { get; set; } = prompt;

    public bool IsDone { get; set; }

    public bool AwaitingRetrieval { get; set; }

    public int Generated { get; set; }

    public override string ToString() => Name;

    /// <summary>Executes a plan the way the engine would: prefill chunks and one token per decode row.</summary>
    public static void Execute(StepPlan<FakeSequence> plan)
    {
        foreach (var row in plan.DecodeRows)
        {
            row.CachedTokens++;
            row.Generated++;
            if (row.Generated >= row.MaxTokens)
            {
                row.IsDone = true;
            }
        }

        foreach (var (s, tokens) in plan.Prefill)
        {
            s.CachedTokens += tokens;
            s.FeedRemaining -= tokens;
            if (s.FeedRemaining == 0)
            {
                s.Generated++;
            }
        }
    }
}
