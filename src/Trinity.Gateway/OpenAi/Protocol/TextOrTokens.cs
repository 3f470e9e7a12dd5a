using System.Text.Json.Serialization;
using Trinity.Gateway.OpenAi.Json;

namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary><c>prompt</c> and <c>input</c>: a string, an array of strings, an array of token ids, or an array of
/// token-id arrays. Exactly one of <see cref="Texts"/> and <see cref="TokenArrays"/> is set.</summary>
[JsonConverter(typeof(TextOrTokensConverter))]
public sealed record TextOrTokens
{
    /// <summary>Text inputs.</summary>
    public IReadOnlyList<string>? Texts { get; init; }

    /// <summary>Pre-tokenised inputs.</summary>
    public IReadOnlyList<int[]>? TokenArrays { get; init; }

    /// <summary>Number of inputs.</summary>
    [JsonIgnore]
    public int Count => Texts?.Count ?? TokenArrays?.Count ?? 0;
}
