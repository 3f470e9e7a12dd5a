using System.Diagnostics.CodeAnalysis;

namespace Trinity.Gateway.Engines;

/// <summary>Registry over the <see cref="IServedModel"/> instances registered in the container.</summary>
public sealed class ServedModelRegistry : IServedModelRegistry
{
    private readonly Dictionary<string, IServedModel> _byName;

    /// <summary>Creates the registry; model names must be unique.</summary>
    public ServedModelRegistry(IEnumerable<IServedModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        Models = [.. models];
        _byName = new Dictionary<string, IServedModel>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            if (!_byName.TryAdd(model.Name, model))
            {
                throw new InvalidOperationException($"Two served models are named '{model.Name}'.");
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<IServedModel> Models { get; }

    /// <inheritdoc />
    public bool TryGet(string name, [NotNullWhen(true)] out IServedModel? model) => _byName.TryGetValue(name, out model);
}
