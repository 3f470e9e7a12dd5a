using System.Text.RegularExpressions;

namespace Trinity.VectorGpu.Collections;

/// <summary>Collection names are <c>[A-Za-z0-9_-]{1,64}</c>, checked before any path is built from one.</summary>
internal static partial class CollectionName
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
