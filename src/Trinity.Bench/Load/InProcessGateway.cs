using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trinity.Engine.Hosting;
using Trinity.Gateway;
using Trinity.Gateway.Engines;

namespace Trinity.Bench.Load;

/// <summary>The all-in-one gateway hosted in the bench process (Kestrel on a free loopback port), so that the
/// gateway and its engine called directly are measured on the same engine instance in the same process.</summary>
internal sealed class InProcessGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessGateway(WebApplication app, Uri baseUrl, IServedModel model)
    {
        _app = app;
        BaseUrl = baseUrl;
        Model = model;
    }

    /// <summary>The OpenAI base URL (…/v1/).</summary>
    public Uri BaseUrl { get; }

    public IServedModel Model { get; }

    public static async Task<InProcessGateway> StartAsync(string? modelDirectory)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0" };
        if (modelDirectory is not null)
        {
            args.AddRange([$"--{EngineServices.ModelPathKey}", modelDirectory]);
        }

        var builder = WebApplication.CreateBuilder([.. args]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddTrinityGateway();
        var app = builder.Build();
        app.MapTrinityGateway();
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var model = app.Services.GetRequiredService<IServedModelRegistry>().Models[0];
        return new InProcessGateway(app, new Uri(address.TrimEnd('/') + "/v1/"), model);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
