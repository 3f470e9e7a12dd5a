namespace Trinity.Tests.Gateway.Engines;

/// <summary>One gateway serving the built-in trinity-tiny with the real in-process engine.</summary>
public sealed class RealModelFixture : IAsyncLifetime
{
    private GatewayHost? _host;

    internal GatewayHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _host = await GatewayHost.StartWithModelAsync(TestModels.TinyDirectory);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
