using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Trinity.Engine.Cli;

/// <summary>System.CommandLine options that check their values with the engine's one-line messages
/// (<c>--max-tokens must be an integer between 1 and 1048576, got '-1'</c>), invariant of the host's culture.</summary>
internal static class CliOptions
{
    public static Option<string?> String(string name, string description) => new(name) { Description = description };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    public static Option<int?> Int(string name, string description, int min, int max) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, (string text, out int value) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max,
            $"must be an integer between {min} and {max}"),
    };

    public static Option<ulong?> ULong(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, (string text, out ulong value) =>
            ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), "must be a non-negative integer"),
    };

    public static Option<float?> Float(string name, string description, float min, float max) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, (string text, out float value) =>
            float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value) && value >= min && value <= max,
            $"must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}"),
    };

    /// <summary>One of <paramref name="choices"/> (exact spelling).</summary>
    public static Option<string?> Choice(string name, string description, params string[] choices) => new(name)
    {
        Description = $"{description}: {string.Join('|', choices)}",
        CustomParser = result => Parse(result, name, (string text, out string value) =>
        {
            value = text;
            return choices.Contains(text, StringComparer.Ordinal);
        }, $"must be one of {string.Join(", ", choices)}"),
    };

    /// <summary>Fails the command with <c>--name is required</c> when <paramref name="option"/> is absent.</summary>
    public static void Require(Command command, Option option) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(option) is null)
            {
                result.AddError($"{option.Name} is required");
            }
        });

    private delegate bool TryParse<T>(string text, out T value);

    private static T? Parse<T>(ArgumentResult result, string name, TryParse<T> parse, string rule)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (parse(text, out var value))
        {
            return value;
        }

        result.AddError($"{name} {rule}, got '{text}'");
        return default;
    }
}
