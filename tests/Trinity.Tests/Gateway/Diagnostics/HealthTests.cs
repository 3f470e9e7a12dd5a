using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trinity.Gateway;
using Trinity.Gateway.Engines;

namespace Trinity.Tests.Gateway.Diagnostics;

public sealed class HealthTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithModel_ReturnsHealthy(string path)
    {
        await using var host = await GatewayHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_WithoutModel_IsLiveButNotReady()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();

        // No home of its own: keep the answer cache from creating its collection under ~/.trinity.
        builder.Configuration["Trinity:AnswerCache:Enabled"] = "false";
        builder.Services.AddSingleton<IServedModelRegistry>(new ServedModelRegistry([]));
        builder.AddTrinityGateway();
        await using var app = builder.Build();
        app.MapTrinityGateway();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
