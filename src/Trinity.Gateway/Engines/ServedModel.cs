using Trinity.Contracts;
using Trinity.Tokenization;

namespace Trinity.Gateway.Engines;

/// <summary>Plain <see cref="IServedModel"/> for hosts that already hold the parts.</summary>
public sealed record ServedModel(
    string Name,
    int ContextLength,
    ITokenizer Tokenizer,
    IChatTemplate ChatTemplate,
    IGenerationEngine Engine) : IServedModel
{
    /// <inheritdoc />
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <inheritdoc />
    public string OwnedBy { get; init; } = "trinity";

    /// <inheritdoc />
    public Trinity.Engine.Model.GenerationDefaults Defaults { get; init; } = IServedModel.DefaultGeneration;
}
