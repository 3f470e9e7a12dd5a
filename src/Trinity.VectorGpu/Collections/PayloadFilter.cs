using System.Text.Json;

namespace Trinity.VectorGpu.Collections;

/// <summary>Equality on top-level payload fields, all of them (AND); a point without an object payload never matches.</summary>
internal sealed class PayloadFilter
{
    private readonly KeyValuePair<string, JsonElement>[] _conditions;

    public PayloadFilter(IReadOnlyDictionary<string, JsonElement> conditions)
    {
        _conditions = conditions.Select(c => new KeyValuePair<string, JsonElement>(c.Key, c.Value.Clone())).ToArray();
    }

    public bool Matches(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } value)
        {
            return false;
        }

        foreach (var (field, expected) in _conditions)
        {
            if (!value.TryGetProperty(field, out var actual) || !JsonElement.DeepEquals(actual, expected))
            {
                return false;
            }
        }

        return true;
    }
}
