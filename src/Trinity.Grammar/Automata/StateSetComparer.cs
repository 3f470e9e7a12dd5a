namespace Trinity.Grammar.Automata;

/// <summary>Equality of sorted NFA state sets, the keys of the subset construction.</summary>
internal sealed class StateSetComparer : IEqualityComparer<int[]>
{
    public static readonly StateSetComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] set)
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.AsSpan()));
        return hash.ToHashCode();
    }
}
