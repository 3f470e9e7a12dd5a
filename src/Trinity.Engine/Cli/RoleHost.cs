using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trinity.Common;
using Trinity.Common.Prometheus;
using Trinity.Common.Security;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Prefill;
using Trinity.VectorGpu.Hosting;
using Trinity.VectorGpu.Storage;

namespace Trinity.Engine.Cli;

/// <summary>
/// Hosts one role (<c>--role prefill|decode|vector</c>) as a server with two listeners: <c>--urls</c> (HTTP/1.1:
/// <c>/health</c>, <c>/metrics</c>, the internal API for curl) and <c>--internal-urls</c> (HTTP/2 with prior
/// knowledge, what gateways and other engines use; Kestrel only speaks cleartext HTTP/2 on an HTTP/2-only
/// endpoint). Both answer <c>GET /internal/info</c> with the internal listener's port, so a gateway given either
/// address finds the internal one: one address per engine to configure, two ports kept because the streaming
/// decode call wants HTTP/2 (multiplexed streams, keep-alive pings that notice a vanished peer) while curl,
/// Prometheus and Kubernetes probes want plain HTTP/1.1. Settings come from arguments, environment (<c>Trinity__Engine__MaxBatchSize</c>) and files, as in
/// any ASP.NET Core app; <c>--model DIR</c> and <c>--home DIR</c> are shorthands.
/// </summary>
internal static class RoleHost
{
    public const string ReadyPrefix = "trinity: ready";

    public static async Task<int> RunAsync(string role, string[] args)
    {
        // --model and --home are taken from the arguments themselves: as configuration keys they would collide with
        // environment variables (configuration keys ignore case, so "home" is also $HOME).
        var (rest, shorthands) = TakeShorthands(args, ("--model", EngineServices.ModelPathKey), ("--home", TrinityHome.ConfigurationKey));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = rest, ApplicationName = typeof(RoleHost).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(shorthands);
        var publicAddress = ListenAddress.Parse(builder.Configuration["urls"]?.Split(';')[0] ?? "http://127.0.0.1:8101", "--urls");
        var internalAddress = builder.Configuration["internal-urls"] is { } internalUrl ? ListenAddress.Parse(internalUrl, "--internal-urls") : publicAddress.NextPort();

        ListenOptions? publicListen = null, internalListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64L << 20;
            kestrel.Listen(publicAddress.Address, publicAddress.Port, o => { o.Protocols = HttpProtocols.Http1; publicListen = o; });
            kestrel.Listen(internalAddress.Address, internalAddress.Port, o => { o.Protocols = HttpProtocols.Http2; internalListen = o; });
        });
        builder.Services.AddHealthChecks();
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddClusterToken(checkListeners: true);
        switch (role)
        {
            case "prefill":
                builder.Services.AddTrinityEngine().AddKvConnectorScheduler();
                break;
            case "decode":
                builder.Services.AddTrinityEngine().AddKvConnectorWorker();
                if (VectorPoolServiceCollectionExtensions.HasRemoteVectorPool(builder.Configuration))
                {
                    // Retrieval during decode (interval mode) searches the pool process.
                    builder.Services.AddRemoteVectorPool();
                }

                break;
            case "vector":
                builder.Services.AddVectorPool();
                break;
            default:
                throw new CliUsageException($"--role must be prefill, decode or vector, got '{role}'");
        }

        await using var app = builder.Build();
        app.UseClusterToken();
        app.MapHealthChecks("/health");
        app.MapPrometheusMetrics();
        app.MapEngineInfo(role, () => internalListen!.IPEndPoint!.Port);
        switch (role)
        {
            case "prefill":
                // Load the model before reporting ready, so that readiness means "can serve".
                _ = app.Services.GetRequiredService<InProcessEngine>();
                app.MapPrefillEndpoints();
                break;
            case "decode":
                _ = app.Services.GetRequiredService<InProcessEngine>();
                app.MapDecodeEndpoints();
                break;
            default:
                app.MapVectorPoolEndpoints();
                break;
        }

        await app.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"{ReadyPrefix} role={role} url={publicAddress.Url(publicListen!.IPEndPoint!.Port)} internal={internalAddress.Url(internalListen!.IPEndPoint!.Port)}");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static (string[] Remaining, Dictionary<string, string?> Settings) TakeShorthands(string[] args, params (string Option, string Key)[] shorthands)
    {
        var rest = new List<string>();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var match = shorthands.FirstOrDefault(s => s.Option == args[i]);
            if (match.Option is null)
            {
                rest.Add(args[i]);
            }
            else if (i + 1 < args.Length)
            {
                settings[match.Key] = args[++i];
            }
            else
            {
                throw new CliUsageException($"{match.Option} needs a value");
            }
        }

        return ([.. rest], settings);
    }
}
