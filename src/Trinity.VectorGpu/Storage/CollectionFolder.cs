using Trinity.VectorGpu.Collections;

namespace Trinity.VectorGpu.Storage;

/// <summary>
/// Where a collection's files live: <c>{home}/collections/{name}/</c> with <c>collection.json</c>,
/// <c>snapshot.bin</c> and <c>wal.log</c> (graph collections add <c>graph.bin</c>, SQ8 ones <c>sq8.bin</c>, quantized ones
/// the scratch <c>vectors.f32</c>). The name is validated first, so no request can name a path outside it.
/// </summary>
internal sealed record CollectionFolder(string Path)
{
    public string MetaPath => System.IO.Path.Combine(Path, "collection.json");

    public string SnapshotPath => System.IO.Path.Combine(Path, "snapshot.bin");

    public string LogPath => System.IO.Path.Combine(Path, "wal.log");

    /// <summary>Graph adjacency written with each snapshot (graph collections).</summary>
    public string GraphPath => System.IO.Path.Combine(Path, "graph.bin");

    /// <summary>SQ8 ranges, written once when learnt.</summary>
    public string QuantizerPath => System.IO.Path.Combine(Path, "sq8.bin");

    /// <summary>Scratch file of fp32 vectors mapped into memory (quantized collections), rebuilt at every start.</summary>
    public string MappedVectorsPath => System.IO.Path.Combine(Path, "vectors.f32");

    public static string Root(string home) => System.IO.Path.Combine(home, "collections");

    public static CollectionFolder For(string home, string name)
    {
        if (!CollectionName.IsValid(name))
        {
            throw new ArgumentException($"invalid collection name '{name}'", nameof(name));
        }

        var root = System.IO.Path.GetFullPath(Root(home));
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, name));
        if (!path.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"collection path escapes {root}", nameof(name));
        }

        return new CollectionFolder(path);
    }
}
