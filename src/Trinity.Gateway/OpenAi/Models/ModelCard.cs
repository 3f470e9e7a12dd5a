namespace Trinity.Gateway.OpenAi.Models;

/// <summary>One entry of <c>/v1/models</c>.</summary>
public sealed record ModelCard
{
    /// <summary>The model id clients pass as <c>model</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>model</c>.</summary>
    public string Object { get; init; } = "model";

    /// <summary>Unix seconds.</summary>
    public required long Created { get; init; }

    /// <summary>Owner.</summary>
    public required string OwnedBy { get; init; }
}
