using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Trinity.Common.Security;

/// <summary>The cluster token on both sides: <see cref="UseClusterToken"/> guards a role's routes,
/// <see cref="Authorize(HttpClient, string?)"/> makes a client send it.</summary>
public static class ClusterTokenExtensions
{
    /// <summary>Binds <see cref="ClusterOptions"/>; with <paramref name="checkListeners"/> (roles), also checks at start
    /// that a role reachable off this machine has a token.</summary>
    public static IServiceCollection AddClusterToken(this IServiceCollection services, bool checkListeners = false)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateOnStart();
        if (checkListeners)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClusterTokenStartupCheck>());
        }

        return services;
    }

    /// <summary>Requires the token on every route but <c>/health</c> and <c>/metrics</c>.</summary>
    public static IApplicationBuilder UseClusterToken(this IApplicationBuilder app) => app.UseMiddleware<ClusterTokenMiddleware>();

    /// <summary>Makes <paramref name="client"/> send <paramref name="token"/> on every call (nothing when null).</summary>
    public static HttpClient Authorize(this HttpClient client, string? token)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>The configured token (<c>Trinity:Cluster:Token</c>), for clients built outside dependency injection.</summary>
    public static string? ClusterToken(this IConfiguration configuration) => configuration?[ClusterOptions.Section + ":Token"];
}
