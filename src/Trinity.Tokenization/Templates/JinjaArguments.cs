namespace Trinity.Tokenization.Templates;

/// <summary>Arguments of a call, filter or test: positional values and <c>name=value</c> ones.</summary>
internal sealed record JinjaArguments(IReadOnlyList<object?> Positional, IReadOnlyDictionary<string, object?> Named)
{
    public static JinjaArguments Empty { get; } = new([], new Dictionary<string, object?>());

    /// <summary>The argument at <paramref name="index"/> or named <paramref name="name"/>, else <paramref name="fallback"/>.</summary>
    public object? Get(int index, string name, object? fallback = null) =>
        index < Positional.Count ? Positional[index] : Named.TryGetValue(name, out var value) ? value : fallback;
}
