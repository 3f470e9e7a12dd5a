using System.Collections;

namespace Trinity.Tokenization.Templates;

/// <summary>The tests of <c>value is name(args)</c>: Jinja's built-in ones that chat templates use.</summary>
internal static class JinjaTests
{
    private static readonly Dictionary<string, Func<object?, IReadOnlyList<object?>, bool>> Tests = new(StringComparer.Ordinal)
    {
        ["defined"] = (v, _) => v is not JinjaUndefined,
        ["undefined"] = (v, _) => v is JinjaUndefined,
        ["none"] = (v, _) => v is null,
        ["string"] = (v, _) => v is string,
        ["number"] = (v, _) => v is long or double or bool,
        ["integer"] = (v, _) => v is long,
        ["float"] = (v, _) => v is double,
        ["boolean"] = (v, _) => v is bool,
        ["true"] = (v, _) => v is true,
        ["false"] = (v, _) => v is false,
        ["mapping"] = (v, _) => v is OrderedDictionary<string, object?> or JinjaNamespace,
        ["iterable"] = (v, _) => v is string or IList<object?> or OrderedDictionary<string, object?>,
        ["sequence"] = (v, _) => v is string or IList<object?> or OrderedDictionary<string, object?>,
        ["callable"] = (v, _) => v is JinjaCallable,
        ["lower"] = (v, _) => v is string s && s == s.ToLowerInvariant(),
        ["upper"] = (v, _) => v is string s && s == s.ToUpperInvariant(),
        ["odd"] = (v, _) => v is long l && l % 2 != 0,
        ["even"] = (v, _) => v is long l && l % 2 == 0,
        ["divisibleby"] = (v, a) => JinjaValues.ToDouble(v) % JinjaValues.ToDouble(Argument(a)) == 0,
        ["equalto"] = (v, a) => JinjaValues.AreEqual(v, Argument(a)),
        ["eq"] = (v, a) => JinjaValues.AreEqual(v, Argument(a)),
        ["=="] = (v, a) => JinjaValues.AreEqual(v, Argument(a)),
        ["ne"] = (v, a) => !JinjaValues.AreEqual(v, Argument(a)),
        ["!="] = (v, a) => !JinjaValues.AreEqual(v, Argument(a)),
        ["lt"] = (v, a) => JinjaValues.Compare(v, Argument(a)) < 0,
        ["<"] = (v, a) => JinjaValues.Compare(v, Argument(a)) < 0,
        ["le"] = (v, a) => JinjaValues.Compare(v, Argument(a)) <= 0,
        ["<="] = (v, a) => JinjaValues.Compare(v, Argument(a)) <= 0,
        ["gt"] = (v, a) => JinjaValues.Compare(v, Argument(a)) > 0,
        [">"] = (v, a) => JinjaValues.Compare(v, Argument(a)) > 0,
        ["ge"] = (v, a) => JinjaValues.Compare(v, Argument(a)) >= 0,
        [">="] = (v, a) => JinjaValues.Compare(v, Argument(a)) >= 0,
        ["in"] = (v, a) => JinjaValues.Contains(Argument(a), v),
        ["sameas"] = (v, a) => ReferenceEquals(v, Argument(a)) || (v is bool or null && Equals(v, Argument(a))),
    };

    public static bool Exists(string name) => Tests.ContainsKey(name);

    /// <summary>Runs test <paramref name="name"/>; unknown names fail when the template is loaded, not here.</summary>
    public static bool Run(string name, object? value, IReadOnlyList<object?> arguments) =>
        Tests.TryGetValue(name, out var test)
            ? test(value, arguments)
            : throw new ChatTemplateException($"Chat template error: unknown test '{name}'.");

    private static object? Argument(IReadOnlyList<object?> arguments) =>
        arguments.Count > 0 ? arguments[0] : throw new ChatTemplateException("Chat template error: the test needs an argument.");
}
