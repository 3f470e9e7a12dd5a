using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Trinity.Gateway;
using Trinity.Gateway.Engines;
using Trinity.Tests.Gateway.Fakes;

namespace Trinity.Tests.Gateway;

/// <summary>The real gateway on Kestrel, loopback port 0, serving <see cref="FakeEngine"/> as model
/// <see cref="ModelName"/> (context <see cref="ContextLength"/> tokens).</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const string ModelName = "fake-model";
    public const int ContextLength = 512;

    private readonly FakeEngine? _engine;

    private GatewayHost(WebApplication app, FakeEngine? engine, Uri baseAddress)
    {
        App = app;
        _engine = engine;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public FakeEngine Engine => _engine ?? throw new InvalidOperationException("this host serves a real model");

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The gateway over <paramref name="engine"/>; with <paramref name="time"/> (a
    /// <see cref="Trinity.Common.Time.ManualTimeProvider"/>) as the clock of the gateway and of the engine's steps, so the
    /// test orders deadlines, timeouts and TTLs by advancing it.</summary>
    public static Task<GatewayHost> StartAsync(IDictionary<string, string?>? settings = null, FakeEngine? engine = null, TimeProvider? time = null)
    {
        engine ??= new FakeEngine();
        if (time is not null)
        {
            engine.Time = time;
        }

        return StartCoreAsync(settings, engine, time);
    }

    /// <summary>The gateway as it runs for users: the real in-process engine over the model folder
    /// <paramref name="modelPath"/>.</summary>
    public static Task<GatewayHost> StartWithModelAsync(string modelPath, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Trinity:Model:Path"] = modelPath };
        return StartCoreAsync(all, engine: null, time: null);
    }

    private static async Task<GatewayHost> StartCoreAsync(IDictionary<string, string?>? settings, FakeEngine? engine, TimeProvider? time)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());

        // The answer cache keeps answers in the home folder and answers a repeated prompt without the engine: a host
        // gets it only when its test gives it a home of its own or configures the cache explicitly.
        if (!configuration.ContainsKey("Trinity:Home") && !configuration.ContainsKey("Trinity:AnswerCache:Enabled"))
        {
            configuration["Trinity:AnswerCache:Enabled"] = "false";
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TRINITY_TEST_LOGS") == "1")
        {
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Debug);
        }
        if (engine is not null)
        {
            builder.Services.AddSingleton<IServedModelRegistry>(new ServedModelRegistry(
                [new ServedModel(ModelName, ContextLength, new FakeTokenizer(), new FakeChatTemplate(), engine)]));
        }

        builder.AddTrinityGateway();
        if (time is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(time));
        }

        var app = builder.Build();
        app.MapTrinityGateway();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start that fails (a test of a bad setting) must not leave the host's engine and threads behind.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayHost(app, engine, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
