using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary>Variables visible while rendering, and where output goes. <c>for</c> bodies and macros get a child scope
/// (so, as in Jinja, a <c>set</c> inside a loop is not seen after it); <c>if</c> does not.</summary>
internal sealed class JinjaScope
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);
    private readonly JinjaScope? _parent;

    public JinjaScope(JinjaRenderState state, StringBuilder output)
    {
        State = state;
        Output = output;
    }

    private JinjaScope(JinjaScope parent, StringBuilder output)
    {
        _parent = parent;
        State = parent.State;
        Output = output;
    }

    public JinjaRenderState State { get; }

    public StringBuilder Output { get; }

    public JinjaScope CreateChild(StringBuilder? output = null) => new(this, output ?? Output);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return State.Globals.TryGetValue(name, out var global) ? global : new JinjaUndefined(name);
    }

    public void Set(string name, object? value) => _variables[name] = value;

    public void Write(string text)
    {
        if (Output.Length + text.Length > State.MaxOutputLength)
        {
            throw new ChatTemplateException($"Chat template error: output exceeds {State.MaxOutputLength} characters.");
        }

        Output.Append(text);
    }
}
