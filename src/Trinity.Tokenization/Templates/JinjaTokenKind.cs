namespace Trinity.Tokenization.Templates;

/// <summary>Kinds of template tokens.</summary>
internal enum JinjaTokenKind
{
    /// <summary>Literal template text between tags.</summary>
    Text,

    /// <summary><c>{{</c>.</summary>
    OutputBegin,

    /// <summary><c>}}</c>.</summary>
    OutputEnd,

    /// <summary><c>{%</c>.</summary>
    StatementBegin,

    /// <summary><c>%}</c>.</summary>
    StatementEnd,

    /// <summary>An identifier or keyword.</summary>
    Name,

    /// <summary>A string literal (the value is unescaped).</summary>
    String,

    /// <summary>An integer literal.</summary>
    Integer,

    /// <summary>A floating-point literal.</summary>
    Float,

    /// <summary>An operator or punctuation.</summary>
    Operator,

    /// <summary>End of the template.</summary>
    End,
}
