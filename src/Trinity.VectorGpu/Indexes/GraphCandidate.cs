namespace Trinity.VectorGpu.Indexes;

/// <summary>One entry of a graph walk's beam: a node, its distance to the query, and whether its neighbours were scored.</summary>
internal struct GraphCandidate
{
    public float Distance;
    public int Node;
    public bool Expanded;
}
