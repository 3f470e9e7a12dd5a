using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>Identifier of a point: a string of 1 to 256 characters; a JSON integer is accepted and kept as its decimal text.</summary>
[JsonConverter(typeof(PointIdJsonConverter))]
public readonly record struct PointId(string Value)
{
    /// <summary>Longest accepted identifier, in characters.</summary>
    public const int MaxLength = 256;

    /// <summary>Wraps a string identifier.</summary>
    public static implicit operator PointId(string value) => new(value);

    /// <summary>Wraps an integer identifier.</summary>
    public static implicit operator PointId(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Wraps a string identifier.</summary>
    public static PointId FromString(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
