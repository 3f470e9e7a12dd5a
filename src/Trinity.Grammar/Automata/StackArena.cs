namespace Trinity.Grammar.Automata;

/// <summary>
/// Call stacks as linked nodes (return state, parent; −1 is the empty stack) in an append-only arena, so configurations
/// share their tails. Rolled back by setting <see cref="Count"/> to an earlier value; grows by doubling, so after
/// warm-up it allocates nothing.
/// </summary>
internal sealed class StackArena
{
    private int[] _state = new int[64];
    private int[] _parent = new int[64];

    /// <summary>Nodes in use; lowering it drops every node pushed since.</summary>
    public int Count { get; set; }

    /// <summary>Nodes it holds before it grows.</summary>
    public int Capacity => _state.Length;

    public int StateOf(int node) => _state[node];

    public int ParentOf(int node) => _parent[node];

    public int Push(int returnState, int parent)
    {
        if (Count == _state.Length)
        {
            Array.Resize(ref _state, Count * 2);
            Array.Resize(ref _parent, Count * 2);
        }

        _state[Count] = returnState;
        _parent[Count] = parent;
        return Count++;
    }

    /// <summary>Whether two stacks hold the same return states, node by node (shared tails end the walk early).</summary>
    public bool Same(int x, int y)
    {
        while (x != y)
        {
            if (x < 0 || y < 0 || _state[x] != _state[y])
            {
                return false;
            }

            x = _parent[x];
            y = _parent[y];
        }

        return true;
    }
}
