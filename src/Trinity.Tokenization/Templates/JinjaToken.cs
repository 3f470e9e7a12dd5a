namespace Trinity.Tokenization.Templates;

/// <summary>One token of a template, with the line it starts on for error messages.</summary>
internal readonly record struct JinjaToken(JinjaTokenKind Kind, string Value, int Line)
{
    public bool Is(JinjaTokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsName(string value) => Is(JinjaTokenKind.Name, value);

    public bool IsOperator(string value) => Is(JinjaTokenKind.Operator, value);

    public override string ToString() => Kind switch
    {
        JinjaTokenKind.End => "end of template",
        JinjaTokenKind.Text => "template text",
        JinjaTokenKind.String => $"string '{Value}'",
        _ => $"'{Value}'",
    };
}
