namespace Trinity.Gateway.Cache;

/// <summary>A word of a prompt as the guard sees it.</summary>
/// <param name="Text">Lower-cased, contractions expanded (<c>isn't</c> gives <c>is</c> and <c>not</c>).</param>
/// <param name="NameLike">Written like a name: capitalised inside a sentence, an acronym or camel case, or a
/// capitalised sentence opener that is not a common word.</param>
internal readonly record struct PromptWord(string Text, bool NameLike);
