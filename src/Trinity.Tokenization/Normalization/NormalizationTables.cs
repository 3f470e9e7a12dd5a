namespace Trinity.Tokenization.Normalization;

/// <summary>The Unicode data canonical normalization needs, loaded once.</summary>
internal sealed class NormalizationTables
{
    public Dictionary<int, byte> Classes { get; } = [];

    public Dictionary<int, int[]> Decompositions { get; } = [];

    public Dictionary<long, int> Compositions { get; } = [];

    public int Class(int value) => Classes.TryGetValue(value, out var cc) ? cc : 0;
}
