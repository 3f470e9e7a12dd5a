using System.Text.Json;

namespace Trinity.Tests.Gateway.OpenAi;

/// <summary>Reads a server-sent-events body into its <c>data:</c> payloads.</summary>
internal static class Sse
{
    public static List<string> Events(string body)
    {
        var events = new List<string>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", block, StringComparison.Ordinal);
            events.Add(block["data: ".Length..]);
        }

        return events;
    }

    public static List<JsonElement> Chunks(IEnumerable<string> events) =>
        [.. events.Where(e => e != "[DONE]").Select(e => JsonDocument.Parse(e).RootElement.Clone())];
}
