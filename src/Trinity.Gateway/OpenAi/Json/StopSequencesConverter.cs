using System.Text.Json;
using System.Text.Json.Serialization;
using Trinity.Common.Json;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Json;

/// <summary>Reads <c>stop</c> as a string or an array of strings.</summary>
public sealed class StopSequencesConverter : JsonConverter<StopSequences>
{
    /// <inheritdoc />
    public override StopSequences Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new StopSequences([reader.GetString()!]);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonParamException("expected a string or an array of strings.");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonParamException("expected a string.", $"[{values.Count}]");
            }

            values.Add(reader.GetString()!);
        }

        return new StopSequences(values);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, StopSequences value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var stop in value.Values)
        {
            writer.WriteStringValue(stop);
        }

        writer.WriteEndArray();
    }
}
