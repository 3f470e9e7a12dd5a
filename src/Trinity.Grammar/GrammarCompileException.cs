namespace Trinity.Grammar;

/// <summary>
/// A schema the compiler cannot honour exactly: an unsupported or unknown keyword that changes validity, a remote
/// <c>$ref</c>, a malformed schema, or one too large to compile. The gateway turns it into a 400 naming the keyword.
/// </summary>
public sealed class GrammarCompileException : Exception
{
    public GrammarCompileException()
        : this("", "", "the schema cannot be compiled")
    {
    }

    public GrammarCompileException(string message)
        : this("", "", message)
    {
    }

    public GrammarCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Keyword = "";
        Path = "";
    }

    /// <summary>Names the <paramref name="keyword"/> at fault (empty when the schema as a whole is), the JSON
    /// pointer <paramref name="path"/> of the subschema holding it, and the <paramref name="reason"/>.</summary>
    public GrammarCompileException(string keyword, string path, string reason)
        : base(Format(keyword, path, reason))
    {
        Keyword = keyword;
        Path = path;
    }

    /// <summary>The keyword at fault, such as <c>patternProperties</c>; empty when the schema as a whole is.</summary>
    public string Keyword { get; }

    /// <summary>JSON pointer to the subschema holding the keyword (<c>""</c> is the root).</summary>
    public string Path { get; }

    private static string Format(string keyword, string path, string reason) => keyword.Length == 0
        ? $"{reason} (at '{(path.Length == 0 ? "#" : "#" + path)}')"
        : $"'{keyword}' at '#{path}': {reason}";
}
