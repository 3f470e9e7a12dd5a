using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>The payload of a chunk's point: <c>{document_id, chunk_index, chunk_count, text, char_start, char_end,
/// token_count, ...metadata}</c>. Metadata fields sit at the top level so that searches can filter on them (the pool's
/// filters match top-level fields); their names may not be the reserved ones.</summary>
internal static class ChunkPayload
{
    public static readonly IReadOnlySet<string> ReservedFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "document_id", "chunk_index", "chunk_count", "text", "char_start", "char_end", "token_count",
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonElement Build(string documentId, string text, TextChunk chunk, int index, int count, JsonElement? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (chunk.Length * 2));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("document_id", documentId);
            writer.WriteNumber("chunk_index", index);
            writer.WriteNumber("chunk_count", count);
            writer.WriteString("text", text.AsSpan(chunk.Start, chunk.Length));
            writer.WriteNumber("char_start", chunk.Start);
            writer.WriteNumber("char_end", chunk.End);
            writer.WriteNumber("token_count", chunk.Tokens);
            if (metadata is { ValueKind: JsonValueKind.Object } fields)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    field.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The id of chunk <paramref name="index"/> of a document.</summary>
    public static string ChunkId(string documentId, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{documentId}#{index}");
}
