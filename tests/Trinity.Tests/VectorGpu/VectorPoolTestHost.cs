using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trinity.VectorGpu.Client;
using Trinity.VectorGpu.Hosting;

namespace Trinity.Tests.VectorGpu;

/// <summary>A real vector pool on Kestrel (loopback, port 0) over a temporary home folder, deleted on dispose.</summary>
internal sealed class VectorPoolTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsHome;

    private VectorPoolTestHost(WebApplication app, string home, bool ownsHome, Uri address)
    {
        _app = app;
        Home = home;
        _ownsHome = ownsHome;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Home { get; }

    public HttpClient Http { get; }

    public IVectorPool Pool => _app.Services.GetRequiredService<IVectorPool>();

    public IServiceProvider Services => _app.Services;

    internal VectorPool Internal => _app.Services.GetRequiredService<VectorPool>();

    public static async Task<VectorPoolTestHost> StartAsync(IDictionary<string, string?>? settings = null, string? home = null)
    {
        var ownsHome = home is null;
        home ??= Directory.CreateTempSubdirectory("trinity-vector-test-").FullName;
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?> { ["Trinity:Home"] = home };
        foreach (var pair in settings ?? new Dictionary<string, string?>())
        {
            config[pair.Key] = pair.Value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddHealthChecks();
        builder.Services.AddVectorPool();
        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapVectorPoolEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new VectorPoolTestHost(app, home, ownsHome, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsHome)
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
