using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Diagnostics;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Collections;

/// <summary>The collections of one home folder: loaded at start, created and deleted by name.</summary>
internal sealed class CollectionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly Lock _createDelete = new();
    private readonly CollectionOptions _options;
    private readonly ILogger _logger;

    public CollectionRegistry(string home, CollectionOptions options, ILogger logger)
    {
        Home = home;
        _options = options;
        _logger = logger;
        var root = CollectionFolder.Root(home);
        Directory.CreateDirectory(root);
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            if (!CollectionName.IsValid(name) || !File.Exists(Path.Combine(directory, "collection.json")))
            {
                continue;
            }

            try
            {
                var collection = Collection.Open(CollectionFolder.For(home, name), options, logger);
                _collections[collection.Name] = collection;
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException or EndOfStreamException or UnauthorizedAccessException)
            {
                VectorPoolLog.CollectionLoadFailed(logger, exception, directory);
            }
        }
    }

    public string Home { get; }

    public int Count => _collections.Count;

    public IEnumerable<Collection> All => _collections.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    public Collection Get(string name)
    {
        if (!CollectionName.IsValid(name))
        {
            throw VectorPoolException.Invalid("collection names are 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'", "name", "invalid_collection_name");
        }

        return _collections.TryGetValue(name, out var collection)
            ? collection
            : throw VectorPoolException.NotFound($"collection '{name}' does not exist", "name");
    }

    public Collection Create(CollectionSpec spec)
    {
        lock (_createDelete)
        {
            if (_collections.ContainsKey(spec.Name))
            {
                throw VectorPoolException.Conflict($"collection '{spec.Name}' already exists", "name");
            }

            var folder = CollectionFolder.For(Home, spec.Name);
            if (Directory.Exists(folder.Path))
            {
                Directory.Delete(folder.Path, recursive: true);
            }

            var collection = Collection.Create(spec, folder, _options, _logger);
            _collections[spec.Name] = collection;
            return collection;
        }
    }

    public void Delete(string name)
    {
        lock (_createDelete)
        {
            var collection = Get(name);
            _collections.TryRemove(name, out _);
            collection.Dispose();

            // Rename first so that a crash half-way through the recursive delete cannot leave a loadable half collection.
            var doomed = collection.Folder.Path + ".deleted-" + Guid.NewGuid().ToString("N");
            Directory.Move(collection.Folder.Path, doomed);
            DirectorySync.Flush(CollectionFolder.Root(Home));
            Directory.Delete(doomed, recursive: true);
        }
    }

    public void Dispose()
    {
        foreach (var collection in _collections.Values)
        {
            collection.Dispose();
        }
    }
}
