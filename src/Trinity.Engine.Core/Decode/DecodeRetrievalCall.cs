namespace Trinity.Engine.Decode;

/// <summary>A search a sequence waits for during decode: its result (context tokens to append, possibly none) is set
/// from the thread the search completes on; the engine loop picks it up at its next step.</summary>
internal sealed class DecodeRetrievalCall(DateTimeOffset startedAt)
{
    private int[]? _context;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Context tokens once the search has completed (empty when it failed, timed out or found nothing new).</summary>
    public int[]? Context => Volatile.Read(ref _context);

    public string Outcome { get; private set; } = "pending";

    public void Complete(int[] context, string outcome)
    {
        Outcome = outcome;
        Volatile.Write(ref _context, context);
    }
}
