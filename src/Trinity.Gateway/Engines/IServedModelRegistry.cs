using System.Diagnostics.CodeAnalysis;

namespace Trinity.Gateway.Engines;

/// <summary>The generation models the gateway serves, by name.</summary>
public interface IServedModelRegistry
{
    /// <summary>Every served model, in registration order.</summary>
    IReadOnlyList<IServedModel> Models { get; }

    /// <summary>Finds a model by its exact <see cref="IServedModel.Name"/>.</summary>
    bool TryGet(string name, [NotNullWhen(true)] out IServedModel? model);
}
