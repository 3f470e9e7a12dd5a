using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trinity.VectorGpu.Client;

/// <summary>Reads a point id from a JSON string or integer; writes it as a string.</summary>
public sealed class PointIdJsonConverter : JsonConverter<PointId>
{
    /// <inheritdoc />
    public override PointId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new PointId(reader.GetString()!);
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return new PointId(number.ToString(CultureInfo.InvariantCulture));
        }

        throw new JsonException("a point id must be a string or an integer");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PointId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
