using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trinity.Bench.Chaos;

/// <summary>Upserts one point at a time through a gateway, remembering those the pool acknowledged (200), and checks
/// at the end that every acknowledged point is still there, whatever was killed in between.</summary>
internal sealed class AcknowledgedWrites(HttpClient http, Uri gateway, string collection)
{
    private const int Dimension = 8;
    private readonly ConcurrentBag<int> _acknowledged = [];
    private int _attempted;

    public int Attempted => _attempted;

    public int Acknowledged => _acknowledged.Count;

    public async Task CreateAsync()
    {
        var spec = new JsonObject { ["name"] = collection, ["dimension"] = Dimension, ["metric"] = "l2" };
        using var response = await http.PostAsync(new Uri(gateway, "collections"), Json(spec)).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async Task RunAsync(CancellationToken stop)
    {
        for (var seq = 0; !stop.IsCancellationRequested; seq++)
        {
            Interlocked.Increment(ref _attempted);
            var point = new JsonObject { ["id"] = Id(seq), ["vector"] = Vector(seq), ["payload"] = new JsonObject { ["seq"] = seq } };
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                using var response = await http.PostAsync(new Uri(gateway, $"collections/{collection}/points"), Json(new JsonObject { ["points"] = new JsonArray(point) }), timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    _acknowledged.Add(seq);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
            {
                // Not acknowledged: the point may or may not be there, and nothing is promised about it.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The acknowledged points the pool no longer has (each looked up by its exact vector).</summary>
    public async Task<IReadOnlyList<int>> FindLostAsync()
    {
        var lost = new List<int>();
        foreach (var seq in _acknowledged.Order())
        {
            var query = new JsonObject { ["vector"] = Vector(seq), ["k"] = 1 };
            string? found = null;
            for (var attempt = 0; attempt < 5 && found is null; attempt++)
            {
                try
                {
                    using var response = await http.PostAsync(new Uri(gateway, $"collections/{collection}/search"), Json(query)).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                        var results = document.RootElement.GetProperty("results");
                        found = results.GetArrayLength() > 0 ? results[0].GetProperty("id").ToString() : string.Empty;
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // The pool may still be coming back from the last kill.
                }

                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }

            if (found != Id(seq))
            {
                lost.Add(seq);
            }
        }

        return lost;
    }

    private static string Id(int seq) => "p" + seq.ToString(CultureInfo.InvariantCulture);

    /// <summary>A vector only this point has: the sequence number spread over the components.</summary>
    private static JsonArray Vector(int seq)
    {
        var vector = new JsonArray();
        for (var i = 0; i < Dimension; i++)
        {
            vector.Add((float)((seq + 1) * (i + 1) % 997) + (seq * 0.001f));
        }

        return vector;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
