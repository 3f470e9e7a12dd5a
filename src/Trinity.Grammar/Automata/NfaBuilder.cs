namespace Trinity.Grammar.Automata;

/// <summary>
/// Builds a byte-level nondeterministic automaton made of rules: each rule is an NFA over byte ranges and epsilon
/// edges, plus call edges (enter another rule, come back to a given state) where a schema is recursive. Rule 0 is
/// the root. <see cref="Determinizer"/> turns the result into a <see cref="PushdownAutomaton"/>.
/// </summary>
internal sealed class NfaBuilder
{
    private readonly List<(int From, byte Lo, byte Hi, int To)> _byteEdges = [];
    private readonly List<(int From, int To)> _epsilons = [];
    private readonly List<(int From, int Rule, int Return)> _calls = [];
    private readonly List<Fragment?> _rules = [];
    private int _states;

    /// <summary>Upper bound on NFA states, so that a schema with huge repetition counts fails at compile time.</summary>
    public int MaxStates { get; init; } = 2_000_000;

    public int StateCount => _states;

    public IReadOnlyList<(int From, byte Lo, byte Hi, int To)> ByteEdges => _byteEdges;

    public IReadOnlyList<(int From, int To)> Epsilons => _epsilons;

    public IReadOnlyList<(int From, int Rule, int Return)> Calls => _calls;

    public int RuleCount => _rules.Count;

    /// <summary>The body of a rule; null until <see cref="DefineRule"/> is called for it.</summary>
    public Fragment? Rule(int rule) => _rules[rule];

    public int NewState()
    {
        if (_states >= MaxStates)
        {
            throw new GrammarCompileException("", "", $"the schema needs more than {MaxStates} automaton states");
        }

        return _states++;
    }

    /// <summary>Reserves a rule number, so that a recursive body can call the rule before it is defined.</summary>
    public int DeclareRule()
    {
        _rules.Add(null);
        return _rules.Count - 1;
    }

    public void DefineRule(int rule, Fragment body) => _rules[rule] = body;

    public Fragment Empty()
    {
        var s = NewState();
        return new Fragment(s, s);
    }

    /// <summary>A fragment with no way through: the language of the <c>false</c> schema.</summary>
    public Fragment Nothing() => new(NewState(), NewState());

    /// <summary>An epsilon edge between two states of fragments wired by hand (object property tracks).</summary>
    public void Connect(int from, int to) => _epsilons.Add((from, to));

    public Fragment Range(byte lo, byte hi)
    {
        var start = NewState();
        var end = NewState();
        _byteEdges.Add((start, lo, hi, end));
        return new Fragment(start, end);
    }

    /// <summary>One byte out of several ranges (a character class).</summary>
    public Fragment Ranges(ReadOnlySpan<(byte Lo, byte Hi)> ranges)
    {
        var start = NewState();
        var end = NewState();
        foreach (var (lo, hi) in ranges)
        {
            _byteEdges.Add((start, lo, hi, end));
        }

        return new Fragment(start, end);
    }

    public Fragment Literal(ReadOnlySpan<byte> bytes)
    {
        var start = NewState();
        var current = start;
        foreach (var b in bytes)
        {
            var next = NewState();
            _byteEdges.Add((current, b, b, next));
            current = next;
        }

        return new Fragment(start, current);
    }

    public Fragment Literal(string ascii) => Literal(System.Text.Encoding.UTF8.GetBytes(ascii));

    public Fragment Sequence(params ReadOnlySpan<Fragment> parts)
    {
        if (parts.IsEmpty)
        {
            return Empty();
        }

        for (var i = 1; i < parts.Length; i++)
        {
            _epsilons.Add((parts[i - 1].End, parts[i].Start));
        }

        return new Fragment(parts[0].Start, parts[^1].End);
    }

    public Fragment Choice(params ReadOnlySpan<Fragment> alternatives)
    {
        var start = NewState();
        var end = NewState();
        foreach (var alternative in alternatives)
        {
            _epsilons.Add((start, alternative.Start));
            _epsilons.Add((alternative.End, end));
        }

        return new Fragment(start, end);
    }

    /// <summary>Zero or one <paramref name="body"/>. The fresh start and end states matter: skipping straight to
    /// a body's own end would also skip into any loop that end belongs to (the hub of a <see cref="Star"/>).</summary>
    public Fragment Optional(Fragment body)
    {
        var start = NewState();
        var end = NewState();
        _epsilons.Add((start, body.Start));
        _epsilons.Add((body.End, end));
        _epsilons.Add((start, end));
        return new Fragment(start, end);
    }

    /// <summary>Zero or more repetitions of <paramref name="body"/>, entered and left through states of its own.</summary>
    public Fragment Star(Fragment body)
    {
        var start = NewState();
        var hub = NewState();
        var end = NewState();
        _epsilons.Add((start, hub));
        _epsilons.Add((hub, body.Start));
        _epsilons.Add((body.End, hub));
        _epsilons.Add((hub, end));
        return new Fragment(start, end);
    }

    /// <summary><paramref name="min"/> to <paramref name="max"/> (null: unbounded) repetitions, each built fresh.</summary>
    public Fragment Repeat(Func<Fragment> build, int min, int? max)
    {
        var parts = new List<Fragment>();
        for (var i = 0; i < min; i++)
        {
            parts.Add(build());
        }

        if (max is null)
        {
            parts.Add(Star(build()));
        }
        else
        {
            // Nested optionals (a(b(c)?)?)? rather than a?b?c?, so the count of ways to reach a point stays one.
            var tail = Empty();
            for (var i = max.Value - min - 1; i >= 0; i--)
            {
                tail = Optional(Sequence(build(), tail));
            }

            parts.Add(tail);
        }

        return Sequence([.. parts]);
    }

    /// <summary>Enters <paramref name="rule"/> and continues after it returns.</summary>
    public Fragment Call(int rule)
    {
        var start = NewState();
        var end = NewState();
        _calls.Add((start, rule, end));
        return new Fragment(start, end);
    }
}
