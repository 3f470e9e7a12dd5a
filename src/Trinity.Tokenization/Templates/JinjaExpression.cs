namespace Trinity.Tokenization.Templates;

/// <summary>A compiled expression: evaluates to a template value in a scope.</summary>
internal delegate object? JinjaExpression(JinjaScope scope);
