namespace Trinity.Tokenization.Templates;

/// <summary>A function value in a template: a global (<c>range</c>, <c>namespace</c>), a macro, or a bound method
/// such as <c>text.strip</c>.</summary>
internal delegate object? JinjaCallable(JinjaArguments arguments);
