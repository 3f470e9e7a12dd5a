namespace Trinity.Gateway.Cache;

/// <summary>The guard's answer: accepted, or the rule that refused and the word that triggered it.</summary>
internal readonly record struct GuardVerdict(GuardRejection Rejection, string? Word)
{
    public static GuardVerdict Accept { get; } = new(GuardRejection.None, null);

    public bool Accepted => Rejection == GuardRejection.None;

    public override string ToString() => Accepted ? "accepted" : $"{Rejection} ({Word})";
}
