using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Contracts;
using Trinity.Engine.Model;

namespace Trinity.Engine.Hosting;

/// <summary><c>GET /internal/info</c> on every listener of a role process: its role, model, and the port and protocol
/// of its internal listener, so that a gateway configured with the address the engine was started with finds the
/// internal one at start (and a wrong address is told apart from a slow one).</summary>
public static class EngineInfoEndpoints
{
    public static IEndpointRouteBuilder MapEngineInfo(this IEndpointRouteBuilder endpoints, string role, Func<int> internalPort)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(internalPort);
        endpoints.MapGet(EngineRoutes.Info, (IServiceProvider services) =>
        {
            // The vector pool serves no model.
            var model = role is "prefill" or "decode" ? services.GetService<ModelFolder>() : null;
            var info = new EngineInfo(role, model?.Name, model?.Fingerprint.ToString("x16", CultureInfo.InvariantCulture), internalPort(), EngineInfo.Http2PriorKnowledge);
            return Results.Json(info, EngineJson.EngineInfo);
        });
        return endpoints;
    }
}
