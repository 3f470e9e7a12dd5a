namespace Trinity.Contracts;

/// <summary>
/// The engines' internal routes, shared by the endpoints that serve them and the clients that call them, so the
/// two sides cannot drift apart. Route patterns start with '/'; <see cref="Resolve"/> joins one to an engine's base
/// URL keeping any path prefix the base carries.
/// </summary>
public static class EngineRoutes
{
    /// <summary><c>POST</c>: run a prompt on a prefill engine; answers a <see cref="PrefillReply"/>.</summary>
    public const string Prefill = "/internal/prefill";

    /// <summary><c>POST</c>: continue a sequence on a decode engine (a <see cref="DecodeCall"/>); streams NDJSON outputs.</summary>
    public const string Decode = "/internal/decode";

    /// <summary><c>GET</c> (pull once) and <c>DELETE</c> (release) a prefilled KV cache by handle.</summary>
    public const string Kv = "/internal/kv/{handle}";

    /// <summary><c>GET</c>: what an engine is and where its internal listener is (<see cref="EngineInfo"/>).</summary>
    public const string Info = "/internal/info";

    /// <summary>The path of one KV cache's route.</summary>
    public static string KvPath(string handle) => "/internal/kv/" + Uri.EscapeDataString(handle);

    /// <summary>An absolute URL of <paramref name="path"/> on the engine at <paramref name="baseUrl"/>.</summary>
    public static Uri Resolve(Uri baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(path);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, path.TrimStart('/'));
    }
}
