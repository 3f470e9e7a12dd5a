using System.Globalization;
using System.Text.Json;
using Trinity.Gateway.Errors;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Checks an ingest request before anything is written or queued; every failure is a 400 naming the field.</summary>
internal static class IngestRequestValidator
{
    /// <summary>Longest document id: chunk ids append <c>#index</c> and must stay within the pool's 256 characters.</summary>
    public const int MaxDocumentIdLength = 200;

    public static IngestPlan Validate(string collection, IngestRequest request, IngestionOptions options)
    {
        var documents = request.Documents ?? throw PipelineErrors.MissingParameter("documents");
        if (documents.Count == 0)
        {
            throw PipelineErrors.Invalid("Invalid 'documents': empty array. Expected at least one document.", "documents", "empty_array");
        }

        if (documents.Count > options.MaxDocumentsPerRequest)
        {
            throw PipelineErrors.Invalid(
                $"Invalid 'documents': array too long. Expected at most {options.MaxDocumentsPerRequest} documents, but got {documents.Count} instead.",
                "documents",
                "array_above_max_length");
        }

        var chunkTokens = request.ChunkTokens ?? options.ChunkTokens;
        if (chunkTokens < options.MinChunkTokens || chunkTokens > options.MaxChunkTokens)
        {
            throw PipelineErrors.OutOfRange("chunk_tokens", $"an integer from {options.MinChunkTokens} to {options.MaxChunkTokens}", chunkTokens);
        }

        var overlapTokens = request.OverlapTokens ?? Math.Min(options.OverlapTokens, chunkTokens / 2);
        if (overlapTokens < 0 || overlapTokens >= chunkTokens)
        {
            throw PipelineErrors.OutOfRange("overlap_tokens", $"an integer from 0 to {chunkTokens - 1} (less than chunk_tokens)", overlapTokens);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = new IngestDocument[documents.Count];
        long totalChars = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var param = string.Create(CultureInfo.InvariantCulture, $"documents[{i}]");
            var document = documents[i] ?? throw PipelineErrors.InvalidType(param, "an object");
            CheckId(document.Id, param + ".id", seen);
            CheckText(document.Text, param + ".text", options);
            CheckMetadata(document.Metadata, param + ".metadata", options);
            totalChars += document.Text!.Length;
            valid[i] = document;
        }

        return new IngestPlan(collection, valid, chunkTokens, overlapTokens, totalChars);
    }

    private static void CheckId(string? id, string param, HashSet<string> seen)
    {
        if (id is null)
        {
            throw PipelineErrors.MissingParameter(param);
        }

        if (id.Length is 0 or > MaxDocumentIdLength || id.Any(char.IsControl) || id.Trim().Length == 0)
        {
            throw PipelineErrors.Invalid(
                $"Invalid '{param}': expected 1 to {MaxDocumentIdLength} characters, not only whitespace, without control characters.", param, "invalid_id");
        }

        if (!seen.Add(id))
        {
            throw PipelineErrors.Invalid($"Invalid '{param}': the id '{id}' appears more than once in this request.", param, "duplicate_id");
        }
    }

    private static void CheckText(string? text, string param, IngestionOptions options)
    {
        if (text is null)
        {
            throw PipelineErrors.MissingParameter(param);
        }

        if (text.Length == 0)
        {
            throw PipelineErrors.Invalid($"Invalid '{param}': the text must not be empty.", param, "empty_text");
        }

        if (text.Length > options.MaxDocumentChars)
        {
            throw PipelineErrors.Invalid(
                $"Invalid '{param}': expected at most {options.MaxDocumentChars} characters, but got {text.Length} instead. Split the document.", param, "text_too_long");
        }

        if (!EmbeddableText.HasContent(text))
        {
            throw PipelineErrors.Invalid($"Invalid '{param}': the text has no words to embed (only whitespace and punctuation).", param, "invalid_text");
        }
    }

    private static void CheckMetadata(JsonElement? metadata, string param, IngestionOptions options)
    {
        if (metadata is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw PipelineErrors.InvalidType(param, "an object");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in value.EnumerateObject())
        {
            if (ChunkPayload.ReservedFields.Contains(field.Name))
            {
                throw PipelineErrors.Invalid(
                    $"Invalid '{param}.{field.Name}': '{field.Name}' is a reserved payload field ({string.Join(", ", ChunkPayload.ReservedFields.Order(StringComparer.Ordinal))}).",
                    $"{param}.{field.Name}",
                    "reserved_field");
            }

            if (!names.Add(field.Name))
            {
                throw PipelineErrors.Invalid($"Invalid '{param}': the field '{field.Name}' appears more than once.", $"{param}.{field.Name}", "duplicate_field");
            }
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(value.GetRawText());
        if (bytes > options.MaxMetadataBytes)
        {
            throw PipelineErrors.Invalid(
                $"Invalid '{param}': expected at most {options.MaxMetadataBytes} bytes of JSON, but got {bytes} instead.", param, "metadata_too_large");
        }
    }
}
