namespace Trinity.Tokenization.Templates;

/// <summary>The <c>loop</c> variable inside <c>{% for %}</c>.</summary>
internal sealed class JinjaLoop
{
    private readonly IReadOnlyList<object?> _items;

    public JinjaLoop(IReadOnlyList<object?> items) => _items = items;

    public int Index0 { get; set; }

    public object? GetAttribute(string name) => name switch
    {
        "index0" => (long)Index0,
        "index" => (long)Index0 + 1,
        "revindex0" => (long)(_items.Count - Index0 - 1),
        "revindex" => (long)(_items.Count - Index0),
        "first" => Index0 == 0,
        "last" => Index0 == _items.Count - 1,
        "length" => (long)_items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? _items[Index0 - 1] : new JinjaUndefined("loop.previtem"),
        "nextitem" => Index0 + 1 < _items.Count ? _items[Index0 + 1] : new JinjaUndefined("loop.nextitem"),
        "cycle" => new JinjaCallable(args => args.Positional.Count == 0 ? null : args.Positional[Index0 % args.Positional.Count]),
        _ => new JinjaUndefined("loop." + name),
    };
}
