using System.Text.Json;
using System.Text.Json.Serialization;
using Trinity.Common.Json;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Json;

/// <summary>Reads <c>prompt</c> / <c>input</c>: a string, strings, token ids or arrays of token ids.</summary>
public sealed class TextOrTokensConverter : JsonConverter<TextOrTokens>
{
    private const string Expected = "expected a string, an array of strings, an array of token ids, or an array of token-id arrays.";

    /// <inheritdoc />
    public override TextOrTokens Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new TextOrTokens { Texts = [reader.GetString()!] };
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonParamException(Expected);
        }

        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return new TextOrTokens { Texts = [] };
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new TextOrTokens { Texts = ReadStrings(ref reader) };
            case JsonTokenType.Number:
                return new TextOrTokens { TokenArrays = [ReadTokenIds(ref reader, string.Empty)] };
            case JsonTokenType.StartArray:
                var arrays = new List<int[]>();
                do
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new JsonParamException("expected an array of token ids.", $"[{arrays.Count}]");
                    }

                    var prefix = $"[{arrays.Count}]";
                    reader.Read();
                    arrays.Add(reader.TokenType == JsonTokenType.EndArray ? [] : ReadTokenIds(ref reader, prefix));
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return new TextOrTokens { TokenArrays = arrays };
            default:
                throw new JsonParamException(Expected, "[0]");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TextOrTokens value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var text in value.Texts ?? [])
        {
            writer.WriteStringValue(text);
        }

        foreach (var ids in value.TokenArrays ?? [])
        {
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                writer.WriteNumberValue(id);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads strings from the current (first) element to the end of the array.</summary>
    private static List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        var texts = new List<string>();
        do
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonParamException("expected a string (an array must not mix strings and token ids).", $"[{texts.Count}]");
            }

            texts.Add(reader.GetString()!);
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return texts;
    }

    /// <summary>Reads token ids from the current (first) element to the end of the array.</summary>
    private static int[] ReadTokenIds(ref Utf8JsonReader reader, string prefix)
    {
        var ids = new List<int>();
        do
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var id))
            {
                throw new JsonParamException("expected a token id (an integer).", $"{prefix}[{ids.Count}]");
            }

            ids.Add(id);
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return [.. ids];
    }
}
