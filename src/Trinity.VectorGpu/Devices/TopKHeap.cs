namespace Trinity.VectorGpu.Devices;

/// <summary>
/// The k best candidates seen so far (smallest distance first), as a bounded max-heap: the worst kept
/// candidate sits at the root, so a new one costs one comparison when it is not better and O(log k) when it is.
/// Candidates are ordered by (distance, row), a total order, so the kept set never depends on the order in
/// which slices or batches delivered them: that is what makes batching invisible in the answers.
/// </summary>
internal sealed class TopKHeap
{
    private readonly float[] _distances;
    private readonly int[] _rows;

    public TopKHeap(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
        _distances = new float[k];
        _rows = new int[k];
    }

    public int K { get; }

    public int Count { get; private set; }

    /// <summary>Distance a candidate must beat (or tie with a smaller row) to enter; +∞ until the heap is full.</summary>
    public float Threshold => Count < K ? float.PositiveInfinity : _distances[0];

    public void Clear() => Count = 0;

    /// <summary>Offers a candidate; returns whether it was kept.</summary>
    public bool TryPush(float distance, int row)
    {
        if (Count < K)
        {
            var i = Count++;
            _distances[i] = distance;
            _rows[i] = row;
            SiftUp(i);
            return true;
        }

        if (!Better(distance, row, _distances[0], _rows[0]))
        {
            return false;
        }

        _distances[0] = distance;
        _rows[0] = row;
        SiftDown(0);
        return true;
    }

    /// <summary>Adds every candidate of <paramref name="other"/>.</summary>
    public void MergeFrom(TopKHeap other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            TryPush(other._distances[i], other._rows[i]);
        }
    }

    /// <summary>The kept candidates, best first.</summary>
    public (float Distance, int Row)[] ToSortedArray()
    {
        var result = new (float Distance, int Row)[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (_distances[i], _rows[i]);
        }

        Array.Sort(result, static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Row.CompareTo(b.Row));
        return result;
    }

    private static bool Better(float d1, int r1, float d2, int r2) => d1 < d2 || (d1 == d2 && r1 < r2);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Better(_distances[parent], _rows[parent], _distances[i], _rows[i]))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= Count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < Count && Better(_distances[left], _rows[left], _distances[right], _rows[right]))
            {
                worst = right;
            }

            if (!Better(_distances[i], _rows[i], _distances[worst], _rows[worst]))
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_distances[a], _distances[b]) = (_distances[b], _distances[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
