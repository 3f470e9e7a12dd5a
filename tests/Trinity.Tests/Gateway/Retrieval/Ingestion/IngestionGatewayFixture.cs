namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

/// <summary>One gateway serving trinity-tiny (its real tokenizer cuts the chunks) with collections under a fresh home
/// folder and small limits, so that the job path and the limits are reached with little text.</summary>
public sealed class IngestionGatewayFixture : IAsyncLifetime
{
    public const int SyncMaxDocuments = 4;
    public const int MaxDocuments = 200;
    public const int MaxDocumentChars = 50_000;
    public const int JobQueueCapacity = 2;
    public const int MaxRequestBodyBytes = 128 * 1024;

    private GatewayHost? _host;

    internal GatewayHost Host => _host ?? throw new InvalidOperationException("not started");

    internal IngestionClient Client => new(Host.Client);

    public async Task InitializeAsync() => _host = await GatewayHost.StartWithModelAsync(TestModels.TinyDirectory, new Dictionary<string, string?>
    {
        ["Trinity:Home"] = TestModels.TempDirectory("ingest-home"),
        ["Trinity:Ingestion:SyncMaxDocuments"] = $"{SyncMaxDocuments}",
        ["Trinity:Ingestion:SyncMaxChars"] = "20000",
        ["Trinity:Ingestion:MaxDocumentsPerRequest"] = $"{MaxDocuments}",
        ["Trinity:Ingestion:MaxDocumentChars"] = $"{MaxDocumentChars}",
        ["Trinity:Ingestion:JobQueueCapacity"] = $"{JobQueueCapacity}",
        ["Trinity:Gateway:MaxRequestBodyBytes"] = $"{MaxRequestBodyBytes}",
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
