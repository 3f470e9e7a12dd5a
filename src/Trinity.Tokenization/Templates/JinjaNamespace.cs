namespace Trinity.Tokenization.Templates;

/// <summary>The object <c>namespace(...)</c> returns: the one value a <c>{% set ns.attr = ... %}</c> inside a loop can
/// change so that the change is seen after the loop.</summary>
internal sealed class JinjaNamespace
{
    public OrderedDictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}
