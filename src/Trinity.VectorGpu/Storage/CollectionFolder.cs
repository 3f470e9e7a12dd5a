using Trinity.VectorGpu.Collections;

namespace Trinity.VectorGpu.Storage;

/// <summary>
/// Where a collection's files live: <c>{home}/collections/{name}/</c> with <c>collection.json</c>,
/// <c>snapshot.bin</c> and <c>wal.log</c>. The name is validated first, so no request can name a path outside it.
/// </summary>
internal sealed record CollectionFolder(string Path)
{
    public string MetaPath => System.IO.Path.Combine(Path, "collection.json");

    public string SnapshotPath => System.IO.Path.Combine(Path, "snapshot.bin");

    public string LogPath => System.IO.Path.Combine(Path, "wal.log");

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
