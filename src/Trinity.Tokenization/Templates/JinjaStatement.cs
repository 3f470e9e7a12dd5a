namespace Trinity.Tokenization.Templates;

/// <summary>A compiled piece of template: writes its output into the scope (text, <c>{{ }}</c>, a tag and its body).</summary>
internal delegate void JinjaStatement(JinjaScope scope);
