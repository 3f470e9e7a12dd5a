namespace Trinity.Tests.Gateway;

/// <summary>One gateway shared by the tests of a class (start-up costs more than most tests).</summary>
public sealed class GatewayHostFixture : IAsyncLifetime
{
    private GatewayHost? _host;

    internal GatewayHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
