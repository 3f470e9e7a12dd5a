namespace Trinity.Tokenization.Templates;

/// <summary>What one render shares across scopes: the global functions and the limits that keep a hostile or broken
/// template from running away (output size, macro recursion; loops only walk finite values).</summary>
internal sealed class JinjaRenderState
{
    public JinjaRenderState(IReadOnlyDictionary<string, object?> globals) => Globals = globals;

    public IReadOnlyDictionary<string, object?> Globals { get; }

    public int MaxOutputLength { get; init; } = 16 * 1024 * 1024;

    public int MaxCallDepth { get; init; } = 64;

    public int CallDepth { get; set; }
}
