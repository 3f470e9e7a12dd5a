using Microsoft.Extensions.Options;
using Trinity.VectorGpu.Client;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Fails the start with every bad <c>Trinity:Ingestion</c> value named, never the first request.</summary>
internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        var errors = new List<string>();
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                errors.Add($"{IngestionOptions.Section}:{message}");
            }
        }

        Require(options.MinChunkTokens is >= 1 and <= 65_536, "MinChunkTokens must be 1 to 65536");
        Require(options.MaxChunkTokens >= options.MinChunkTokens && options.MaxChunkTokens <= 65_536, "MaxChunkTokens must be MinChunkTokens to 65536");
        Require(options.ChunkTokens >= options.MinChunkTokens && options.ChunkTokens <= options.MaxChunkTokens, "ChunkTokens must be MinChunkTokens to MaxChunkTokens");
        Require(options.OverlapTokens >= 0 && options.OverlapTokens < options.ChunkTokens, "OverlapTokens must be 0 to ChunkTokens - 1");
        Require(options.MaxDocumentsPerRequest is >= 1 and <= 1_000_000, "MaxDocumentsPerRequest must be 1 to 1000000");
        Require(options.MaxDocumentChars is >= 1 and <= 100_000_000, "MaxDocumentChars must be 1 to 100000000");
        Require(options.MaxChunksPerDocument is >= 1 and <= VectorSearchRequest.MaxK, $"MaxChunksPerDocument must be 1 to {VectorSearchRequest.MaxK}");
        Require(options.MaxMetadataBytes is >= 2 and <= 1 << 20, "MaxMetadataBytes must be 2 to 1048576");
        Require(options.SyncMaxDocuments >= 1, "SyncMaxDocuments must be at least 1");
        Require(options.SyncMaxChars >= 1, "SyncMaxChars must be at least 1");
        Require(options.JobQueueCapacity is >= 1 and <= 100_000, "JobQueueCapacity must be 1 to 100000");
        Require(options.MaxJobRecords > options.JobQueueCapacity, "MaxJobRecords must exceed JobQueueCapacity");
        Require(options.JobTtl > TimeSpan.Zero, "JobTtl must be positive");
        Require(options.QueueFullRetryAfter >= TimeSpan.FromSeconds(1), "QueueFullRetryAfter must be at least one second");
        Require(options.UpsertBatchPoints is >= 1 and <= 100_000, "UpsertBatchPoints must be 1 to 100000");
        Require(Enum.IsDefined(options.Index), "Index must be 'Flat' or 'Ivf'");
        Require(options.Nlist is null || (options.Nlist is >= 1 and <= 65_536 && options.Index == IndexKind.Ivf), "Nlist must be 1 to 65536, and only with Index Ivf");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
