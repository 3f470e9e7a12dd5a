using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trinity.Common.Json;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Json;

/// <summary>Reads a message's <c>content</c>: a string or an array of text parts.</summary>
public sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    /// <inheritdoc />
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new MessageContent(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonParamException("expected a string or an array of content parts.");
        }

        var text = new StringBuilder();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var part = ReadTextPart(ref reader, index);
            if (index > 0)
            {
                text.Append('\n');
            }

            text.Append(part);
            index++;
        }

        return new MessageContent(text.ToString());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Text);
    }

    private static string ReadTextPart(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonParamException("expected a content part object.", $"[{index}]");
        }

        string? type = null;
        string? text = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isText = !isType && reader.ValueTextEquals("text"u8);
            reader.Read();
            if (!isType && !isText)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonParamException("expected a string.", $"[{index}].{(isType ? "type" : "text")}");
            }

            if (isType)
            {
                type = reader.GetString();
            }
            else
            {
                text = reader.GetString();
            }
        }

        if (type is null)
        {
            throw new JsonParamException("missing required parameter 'type'.", $"[{index}].type");
        }

        if (type is not ("text" or "input_text"))
        {
            throw new JsonParamException($"content parts of type '{type}' are not supported; only 'text' parts are.", $"[{index}].type");
        }

        return text ?? throw new JsonParamException("missing required parameter 'text'.", $"[{index}].text");
    }
}
