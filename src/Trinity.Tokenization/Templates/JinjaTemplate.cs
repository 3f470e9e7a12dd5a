using System.Text;

namespace Trinity.Tokenization.Templates;

/// <summary>A template compiled once (syntax errors surface here) and rendered many times. Rendering is
/// thread-safe: each render has its own scopes and state.</summary>
internal sealed class JinjaTemplate
{
    private readonly JinjaStatement _root;
    private readonly TimeProvider _timeProvider;

    private JinjaTemplate(JinjaStatement root, TimeProvider timeProvider)
    {
        _root = root;
        _timeProvider = timeProvider;
    }

    /// <exception cref="ChatTemplateException">The template uses syntax outside the supported subset, or is malformed.</exception>
    public static JinjaTemplate Parse(string source, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = new JinjaTokenStream(JinjaLexer.Tokenize(source));
        return new JinjaTemplate(new JinjaStatementParser(tokens).ParseTemplate(), timeProvider ?? TimeProvider.System);
    }

    /// <exception cref="ChatTemplateException">Rendering failed, or the template called <c>raise_exception</c>.</exception>
    public string Render(IReadOnlyDictionary<string, object?> variables)
    {
        var output = new StringBuilder();
        var scope = new JinjaScope(new JinjaRenderState(JinjaGlobals.Create(_timeProvider)), output);
        foreach (var (name, value) in variables)
        {
            scope.Set(name, value);
        }

        try
        {
            _root(scope);
        }
        catch (JinjaLoopControl)
        {
            throw new ChatTemplateException("Chat template error: 'break' or 'continue' outside a loop.");
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw new ChatTemplateException($"Chat template error: {ex.Message}", ex);
        }

        return output.ToString();
    }
}
