namespace Trinity.Grammar.Automata;

/// <summary>A growable list of (state, stack node) configurations, reused from step to step.</summary>
internal sealed class ConfigBuffer
{
    public int[] States { get; private set; } = new int[8];

    public int[] Stacks { get; private set; } = new int[8];

    public int Count { get; private set; }

    /// <summary>Whether the root rule reached its end (with an empty stack) in this step.</summary>
    public bool CanEnd { get; set; }

    public void Clear()
    {
        Count = 0;
        CanEnd = false;
    }

    public void Add(int state, int stack)
    {
        if (Count == States.Length)
        {
            var states = States;
            var stacks = Stacks;
            Array.Resize(ref states, Count * 2);
            Array.Resize(ref stacks, Count * 2);
            States = states;
            Stacks = stacks;
        }

        States[Count] = state;
        Stacks[Count] = stack;
        Count++;
    }

    public void CopyFrom(ConfigBuffer other)
    {
        Clear();
        for (var i = 0; i < other.Count; i++)
        {
            Add(other.States[i], other.Stacks[i]);
        }

        CanEnd = other.CanEnd;
    }
}
