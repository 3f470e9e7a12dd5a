namespace Trinity.Contracts;

/// <summary>How the next token is chosen. Temperature 0 is greedy.</summary>
public sealed record SamplingParams
{
    /// <summary>0 = greedy (argmax); otherwise logits are divided by it. Range [0, 2].</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Nucleus sampling mass in (0, 1]; 1 disables it.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Keep only the k most likely tokens; 0 disables it.</summary>
    public int TopK { get; init; }

    /// <summary>Seed of the sequence's own random generator: the same seed gives the same tokens whatever
    /// else runs. Null draws a fresh seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>GenAI's repetition penalty: the logit of every token already in the sequence (prompt included) is
    /// divided by it when positive and multiplied by it when negative. 1 disables it.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    /// <summary>Greedy decoding.</summary>
    public static SamplingParams Greedy { get; } = new() { Temperature = 0f };
}
