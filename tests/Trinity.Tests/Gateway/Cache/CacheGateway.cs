using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Gateway.Cache;
using Trinity.Tests.Gateway.OpenAi;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>Requests and checks shared by the answer-cache gateway tests.</summary>
internal static class CacheGateway
{
    public const string ChatPath = "/v1/chat/completions";

    /// <summary>A gateway with the answer cache over a home folder of its own. Its semantic lookups may take up to
    /// 5 s (unless the test says otherwise): on a shared test machine a search can be starved past the default 50 ms
    /// budget, which would turn an expected hit into a miss; the budget itself is tested with a slow pool.</summary>
    public static async Task<GatewayHost> StartAsync(string? home = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?> { ["Trinity:AnswerCache:LookupBudgetMs"] = "5000" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        all["Trinity:Home"] = home ?? TestModels.TempDirectory("answer-cache");
        var host = await GatewayHost.StartAsync(all, time: time);
        await host.App.Services.GetRequiredService<AnswerCache>().Initialized;
        return host;
    }

    public static string Chat(string user, string? system = null, string extra = "")
    {
        var messages = system is null
            ? $$"""[{"role":"user","content":{{JsonSerializer.Serialize(user)}}}]"""
            : $$"""[{"role":"system","content":{{JsonSerializer.Serialize(system)}}},{"role":"user","content":{{JsonSerializer.Serialize(user)}}}]""";
        return $$"""{"model":"{{GatewayHost.ModelName}}","messages":{{messages}},"max_tokens":8{{extra}}}""";
    }

    /// <summary>Sends a chat request and waits until its answer (if any) is stored.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(GatewayHost host, string body)
    {
        var result = await Http.PostAsync(host.Client, ChatPath, body);
        await host.App.Services.GetRequiredService<AnswerCacheStage>().WhenIdleAsync();
        return result;
    }

    public static string Status(HttpResponseMessage response) =>
        response.Headers.TryGetValues(AnswerCacheStage.HeaderName, out var values) ? values.Single() : "(none)";

    public static string Text(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    public static JsonElement Report(JsonElement body) => body.GetProperty("trinity").GetProperty("cache");

    public static double HeaderMs(HttpResponseMessage response, string name) =>
        double.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
}
