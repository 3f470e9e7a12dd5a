namespace Trinity.Bench.Load.Launch;

/// <summary>Resolves the relative paths of workload files: against the current folder when they exist there, else
/// against the repository the bench was built from (the folder above its binaries holding <c>Trinity.sln</c>).</summary>
internal static class RepositoryPaths
{
    public static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        return Root() is { } root ? Path.Combine(root, path) : Path.GetFullPath(path);
    }

    /// <summary>The nearest folder holding <c>Trinity.sln</c> above the current folder or the bench's binaries.</summary>
    public static string? Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Trinity.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }
}
