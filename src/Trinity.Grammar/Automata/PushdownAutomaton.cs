namespace Trinity.Grammar.Automata;

/// <summary>
/// A compiled grammar at byte level: one deterministic automaton per rule (byte transitions through a byte-class
/// table) plus call edges into other rules, where a recursive schema needs a stack. Immutable and shared by every
/// matcher of the grammar.
/// </summary>
/// <remarks>Call edges stay nondeterministic on purpose: a state may both read bytes and call rules, and a rule
/// may be called from several states. The runtime keeps a small set of stacks (<see cref="StackSet"/>), which
/// is how <c>anyOf</c> branches that share a prefix are followed.</remarks>
internal sealed class PushdownAutomaton
{
    public required byte[] ByteClass { get; init; }

    public required int ClassCount { get; init; }

    /// <summary>Transition table: <c>Next[state * ClassCount + ByteClass[b]]</c>, or -1.</summary>
    public required int[] Next { get; init; }

    public required bool[] IsFinal { get; init; }

    /// <summary>Whether the state has at least one byte transition (a stack top worth keeping).</summary>
    public required bool[] ReadsBytes { get; init; }

    /// <summary>Calls of state <c>s</c> are <c>CallRules/CallReturns[CallOffsets[s]..CallOffsets[s + 1]]</c>.</summary>
    public required int[] CallOffsets { get; init; }

    public required int[] CallRules { get; init; }

    public required int[] CallReturns { get; init; }

    public required int[] RuleStarts { get; init; }

    public required int[] RuleOf { get; init; }

    /// <summary>States a call to rule <c>r</c> may return to: <c>ReturnSites[ReturnOffsets[r]..ReturnOffsets[r + 1]]</c>.</summary>
    public required int[] ReturnOffsets { get; init; }

    public required int[] ReturnSites { get; init; }

    /// <summary>States reachable from the root; only these get token masks.</summary>
    public required bool[] Reachable { get; init; }

    public int StateCount => IsFinal.Length;

    public int RuleCount => RuleStarts.Length;

    public int Root => RuleStarts[0];

    public bool HasCalls => CallRules.Length > 0;

    public int Step(int state, byte b) => Next[(state * ClassCount) + ByteClass[b]];
}
