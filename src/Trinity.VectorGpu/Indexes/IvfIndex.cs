using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Devices;
using Trinity.VectorGpu.Devices.Cpu;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Indexes;

/// <summary>
/// One trained generation of an IVF-Flat index: centroids and their inverted lists. New and updated points go
/// to their nearest list at once, so they are searchable immediately; the collection replaces the whole
/// generation when it has grown enough to deserve new centroids.
/// </summary>
internal sealed unsafe class IvfIndex
{
    private readonly AlignedFloatBuffer _centroids;
    private readonly float[] _centroidNorms;
    private readonly InvertedList[] _lists;
    private int[] _rowList = [];
    private int[] _rowPosition = [];

    /// <param name="dimension">Floats per vector.</param>
    /// <param name="metric">Comparison of the collection.</param>
    /// <param name="centroids">Trained centroids, one padded row each.</param>
    /// <param name="nlist">Number of centroids and lists.</param>
    /// <param name="trainedOn">Points the centroids were trained on (retraining is due at twice as many).</param>
    /// <param name="format">When set (a quantized collection), the lists hold codes in this format instead of fp32 copies.</param>
    public IvfIndex(int dimension, VectorMetric metric, AlignedFloatBuffer centroids, int nlist, int trainedOn, Quantization.CodeFormat? format = null)
    {
        Format = format;
        Dimension = dimension;
        Stride = VectorStoreStride(dimension);
        Metric = metric;
        Nlist = nlist;
        TrainedOn = trainedOn;
        _centroids = centroids;
        _centroidNorms = new float[nlist];
        _lists = new InvertedList[nlist];
        for (var c = 0; c < nlist; c++)
        {
            var centroid = centroids.Pointer + ((long)c * Stride);
            _centroidNorms[c] = DotKernel.Dot(centroid, centroid, Stride);
            _lists[c] = new InvertedList(dimension, Stride, metric, 16, format);
        }
    }

    public int Dimension { get; }

    /// <summary>The lists' code format; null when they hold fp32.</summary>
    public Quantization.CodeFormat? Format { get; }

    public int Stride { get; }

    public VectorMetric Metric { get; }

    public int Nlist { get; }

    /// <summary>Live points when the centroids were trained; the collection retrains at twice as many.</summary>
    public int TrainedOn { get; }

    public AlignedFloatBuffer Centroids => _centroids;

    public long MemoryBytes => _lists.Sum(l => l.MemoryBytes) + ((long)Nlist * Stride * sizeof(float)) + ((long)_rowList.Length * 8);

    public InvertedList List(int index) => _lists[index];

    /// <summary>Adds <paramref name="row"/> to <paramref name="list"/> (its nearest, computed by the caller or by <see cref="Nearest"/>).</summary>
    public void Add(int row, ReadOnlySpan<float> padded, float squaredNorm, int list)
    {
        EnsureRow(row);
        _rowList[row] = list;
        _rowPosition[row] = _lists[list].Append(row, padded, squaredNorm);
    }

    public void Add(int row, ReadOnlySpan<float> padded, float squaredNorm) => Add(row, padded, squaredNorm, Nearest(padded));

    public void Update(int row, ReadOnlySpan<float> padded, float squaredNorm)
    {
        var list = Nearest(padded);
        if (row < _rowList.Length && _rowList[row] == list)
        {
            _lists[list].Overwrite(_rowPosition[row], padded, squaredNorm);
            return;
        }

        Remove(row);
        Add(row, padded, squaredNorm, list);
    }

    public void Remove(int row)
    {
        if (row >= _rowList.Length || _rowList[row] < 0)
        {
            return;
        }

        _lists[_rowList[row]].Remove(_rowPosition[row]);
        _rowList[row] = -1;
    }

    /// <summary>The list holding <paramref name="row"/>, −1 when none does.</summary>
    public int ListOf(int row) => row < _rowList.Length ? _rowList[row] : -1;

    /// <summary>Nearest centroid (squared L2) of a padded vector.</summary>
    public int Nearest(ReadOnlySpan<float> padded)
    {
        Span<int> result = stackalloc int[1];
        fixed (float* q = padded)
        {
            KMeans.Nearest(q, 1, Stride, _centroids.Pointer, Nlist, _centroidNorms, result);
        }

        return result[0];
    }

    /// <summary>The <paramref name="nprobe"/> lists to scan for a prepared query, nearest first.</summary>
    public int[] Probe(float[] query, int nprobe)
    {
        nprobe = Math.Clamp(nprobe, 1, Nlist);
        var heap = new TopKHeap(nprobe);
        var dots = new float[Math.Min(Nlist, 256)];
        fixed (float* q = query)
        fixed (float* d = dots)
        {
            for (var c0 = 0; c0 < Nlist; c0 += dots.Length)
            {
                var nc = Math.Min(dots.Length, Nlist - c0);
                DotKernel.Block(q, 1, _centroids.Pointer + ((long)c0 * Stride), nc, Stride, d, dots.Length);
                for (var c = 0; c < nc; c++)
                {
                    var distance = Metric == VectorMetric.Ip ? -d[c] : _centroidNorms[c0 + c] - (2f * d[c]);
                    heap.TryPush(distance, c0 + c);
                }
            }
        }

        return Array.ConvertAll(heap.ToSortedArray(), p => p.Row);
    }

    private static int VectorStoreStride(int dimension) => (dimension + 15) / 16 * 16;

    private void EnsureRow(int row)
    {
        if (row < _rowList.Length)
        {
            return;
        }

        var length = Math.Max(row + 1, Math.Max(16, _rowList.Length * 2));
        var oldLength = _rowList.Length;
        Array.Resize(ref _rowList, length);
        Array.Resize(ref _rowPosition, length);
        _rowList.AsSpan(oldLength).Fill(-1);
    }
}
