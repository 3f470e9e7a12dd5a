using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trinity.Common.Json;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Json;

/// <summary>Writes an embedding as an array of floats or as base64 of little-endian float32 bytes.</summary>
public sealed class EmbeddingVectorConverter : JsonConverter<EmbeddingVector>
{
    /// <inheritdoc />
    public override EmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var bytes = reader.GetBytesFromBase64();
            var values = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }

            return new EmbeddingVector(values, Base64: true);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonParamException("expected an array of numbers or a base64 string.");
        }

        var list = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.GetSingle());
        }

        return new EmbeddingVector([.. list], Base64: false);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Base64)
        {
            writer.WriteBase64StringValue(LittleEndianBytes(value.Values));
            return;
        }

        writer.WriteStartArray();
        foreach (var x in value.Values)
        {
            writer.WriteNumberValue(x);
        }

        writer.WriteEndArray();
    }

    private static ReadOnlySpan<byte> LittleEndianBytes(float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(values.AsSpan());
        }

        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }
}
