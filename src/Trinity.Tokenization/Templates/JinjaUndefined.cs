namespace Trinity.Tokenization.Templates;

/// <summary>The value of a missing variable, attribute or key. Like Jinja's default <c>Undefined</c>: it prints as
/// nothing, is false, iterates as empty and is "not defined"; using it in arithmetic or looking into it is an error.</summary>
internal sealed class JinjaUndefined
{
    public JinjaUndefined(string name) => Name = name;

    /// <summary>What was looked up, for error messages.</summary>
    public string Name { get; }

    public ChatTemplateException Error() => new($"Chat template error: '{Name}' is undefined.");

    public override string ToString() => string.Empty;
}
