using System.Text;
using System.Text.Json.Nodes;

namespace Trinity.Tests.Gateway.OpenAi;

/// <summary>Request bodies that are wrong by construction (never accidentally valid): truncations, broken syntax,
/// wrong types and out-of-range values per field, huge numbers, deep nesting, huge strings, garbage bytes and wrong
/// content types.</summary>
internal static class AdversarialBodies
{
    public sealed record Case(string Name, byte[] Body, string ContentType = "application/json");

    private static readonly string[] Syntax =
    [
        "", " ", "{", "}", "[", "]", "[]", "[{}]", "null", "true", "false", "0", "-1", "\"text\"", "{,}", "{\"a\"}", "{\"a\":}",
        "{\"a\" 1}", "{\"model\":\"x\",}", "{'model':'x'}", "{\"model\":\"x\" /* comment */}", "{\"model\":\"x\"} // comment",
        "{\"temperature\":NaN}", "{\"temperature\":Infinity}", "{\"model\":\"a\nb\"}", "{\"model\":\"\\x41\"}", "{}{}",
        "{\"model\":\"x\"}]", "\uFEFF{", "{\"n\":01}", "{\"n\":1.}", "{\"n\":.5}", "{\"n\":+1}", "{\"n\":0x10}", "{\"model\":undefined}",
    ];

    private static readonly string[] HugeNumbers =
        ["1e400", "-1e400", "1e309", "123456789012345678901234567890", "-99999999999999999999", "18446744073709551616"];

    public static List<Case> For(string valid, IReadOnlyDictionary<string, string[]> badValues, string bigStringField)
    {
        var cases = new List<Case>();
        for (var length = 0; length < valid.Length; length++)
        {
            cases.Add(new Case($"truncated at {length}", Encoding.UTF8.GetBytes(valid[..length])));
        }

        cases.AddRange(Syntax.Select(s => new Case($"syntax {s}", Encoding.UTF8.GetBytes(s))));
        foreach (var (field, values) in badValues)
        {
            cases.AddRange(values.Select(v => Replace(valid, field, v, $"{field} = {v}")));
            if (values.Length > 0 && IsNumeric(valid, field))
            {
                cases.AddRange(HugeNumbers.Select(n => Replace(valid, field, n, $"{field} = {n}")));
            }
        }

        foreach (var depth in new[] { 65, 200, 5_000, 100_000 })
        {
            cases.Add(Replace(valid, "zz_unknown", new string('[', depth) + new string(']', depth), $"unknown field nested {depth}"));
            cases.Add(Replace(valid, "zz_unknown", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth), $"unknown object nested {depth}"));
        }

        cases.Add(Replace(valid, bigStringField, "\"" + new string('A', 10 * 1024 * 1024) + "\"", "10 MB string"));
        cases.Add(Replace(valid, "zz_unknown", "\"" + new string('B', 10 * 1024 * 1024) + "\"", "10 MB unknown string"));
        var validBytes = Encoding.UTF8.GetBytes(valid);
        cases.Add(new Case("invalid UTF-8", [.. validBytes[..^2], 0xFF, 0xFE, .. validBytes[^2..]]));
        cases.Add(new Case("text/plain", validBytes, "text/plain"));
        cases.Add(new Case("application/xml", validBytes, "application/xml"));
        cases.Add(new Case("form", validBytes, "application/x-www-form-urlencoded"));
        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            garbage[0] = 0x01; // no JSON value starts with a control character
            cases.Add(new Case($"garbage {i}", garbage));
        }

        return cases;
    }

    private static bool IsNumeric(string valid, string field) =>
        JsonNode.Parse(valid)![field] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number;

    private static Case Replace(string valid, string field, string rawValue, string name)
    {
        // Raw text splicing: the bad value need not be parseable (deep nesting, huge numbers).
        var node = JsonNode.Parse(valid)!.AsObject();
        node.Remove(field);
        var without = node.ToJsonString();
        var body = without.Length > 2 ? $"{without[..^1]},\"{field}\":{rawValue}}}" : $"{{\"{field}\":{rawValue}}}";
        return new Case(name, Encoding.UTF8.GetBytes(body));
    }
}
