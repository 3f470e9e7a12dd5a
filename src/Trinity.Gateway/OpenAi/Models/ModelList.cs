using System.Text.Json.Serialization;

namespace Trinity.Gateway.OpenAi.Models;

/// <summary>Body of <c>GET /v1/models</c>.</summary>
public sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object { get; init; } = "list";
}
