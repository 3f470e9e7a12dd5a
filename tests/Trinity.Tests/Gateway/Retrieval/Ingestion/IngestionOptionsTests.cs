using Microsoft.Extensions.Options;
using Trinity.Gateway.Retrieval.Ingestion;
using Trinity.VectorGpu.Client;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

public sealed class IngestionOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new IngestionOptionsValidator().Validate(null, new IngestionOptions()).Succeeded);

    [Theory]
    [InlineData("OverlapTokens")]
    [InlineData("ChunkTokens")]
    [InlineData("MaxChunksPerDocument")]
    [InlineData("MaxJobRecords")]
    [InlineData("Nlist")]
    public void Validate_BadValue_FailsNamingTheSetting(string setting)
    {
        var options = setting switch
        {
            "OverlapTokens" => new IngestionOptions { ChunkTokens = 64, OverlapTokens = 64 },
            "ChunkTokens" => new IngestionOptions { ChunkTokens = 4 },
            "MaxChunksPerDocument" => new IngestionOptions { MaxChunksPerDocument = VectorSearchRequest.MaxK + 1 },
            "MaxJobRecords" => new IngestionOptions { MaxJobRecords = 16, JobQueueCapacity = 16 },
            _ => new IngestionOptions { Nlist = 8 },
        };

        var result = new IngestionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Trinity:Ingestion:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadIngestionSettings_FailsWithAClearMessage()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Trinity:Home"] = TestModels.TempDirectory("ingest-options"),
            ["Trinity:Ingestion:ChunkTokens"] = "32",
            ["Trinity:Ingestion:OverlapTokens"] = "40",
        }));

        Assert.Contains("Trinity:Ingestion:OverlapTokens", failure.Message, StringComparison.Ordinal);
    }
}
