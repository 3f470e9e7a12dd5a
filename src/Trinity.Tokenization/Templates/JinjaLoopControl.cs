namespace Trinity.Tokenization.Templates;

/// <summary><c>{% break %}</c> or <c>{% continue %}</c> leaving the loop body (loop controls are rare in chat templates,
/// so an exception is cheap enough).</summary>
internal sealed class JinjaLoopControl : Exception
{
    public JinjaLoopControl()
    {
    }

    public JinjaLoopControl(string message)
        : base(message)
    {
    }

    public JinjaLoopControl(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static JinjaLoopControl Break { get; } = new("break") { IsBreak = true };

    public static JinjaLoopControl Continue { get; } = new("continue");

    public bool IsBreak { get; private init; }
}
