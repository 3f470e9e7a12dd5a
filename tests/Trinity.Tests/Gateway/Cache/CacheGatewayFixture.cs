namespace Trinity.Tests.Gateway.Cache;

/// <summary>One gateway with the answer cache over a temporary home, shared by a test class (tests use prompts of
/// their own); the home is deleted at the end.</summary>
public sealed class CacheGatewayFixture : IAsyncLifetime
{
    private readonly string _home = TestModels.TempDirectory("answer-cache");
    private GatewayHost? _host;

    internal GatewayHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _host = await CacheGateway.StartAsync(_home);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_home, recursive: true);
    }
}
