using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trinity.Engine.Diagnostics.Prometheus;
using Trinity.VectorGpu.Hosting;

namespace Trinity.Engine.Hosting;

/// <summary>
/// <c>Trinity.Engine --role vector [--urls URL] [--home DIR]</c>: the vector pool alone, serving the collections API,
/// <c>/health</c> and <c>/metrics</c>. The home folder comes from <c>--home</c>, else <c>TRINITY_HOME</c>, else <c>~/.trinity</c>.
/// </summary>
internal static class VectorRoleHost
{
    public const string DefaultUrl = "http://127.0.0.1:8003";

    public static async Task<int> RunAsync(string[] args)
    {
        var rest = new List<string>();
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--role" when i + 1 < args.Length:
                    i++;
                    break;
                case "--home" when i + 1 < args.Length:
                    settings["Trinity:Home"] = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        var builder = WebApplication.CreateBuilder(rest.ToArray());
        builder.Configuration.AddInMemoryCollection(settings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddHealthChecks();
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddVectorPool();
        await using var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapPrometheusMetrics();
        app.MapVectorPoolEndpoints();
        await app.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"{RoleHost.ReadyPrefix} role=vector url={string.Join(';', app.Urls)}");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
