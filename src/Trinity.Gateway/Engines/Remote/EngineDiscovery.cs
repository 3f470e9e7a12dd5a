using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Trinity.Contracts;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// Turns a configured engine address into the engine's internal (HTTP/2) base URL by asking it
/// (<c>GET /internal/info</c>). Either of an engine's addresses may be configured: the one it was started with
/// (<c>--urls</c>, HTTP/1.1) or its internal one (<c>--internal-urls</c>, HTTP/2), so both protocols are tried. The
/// engine advertises a port, not a URL: the gateway keeps the host it reached, which stays right behind DNS names,
/// Services and wildcard listeners. Only a definite answer fails at once (an HTTP server without the route, a
/// description of another role); anything that may pass — nothing listening yet, no answer in time from a loaded
/// engine, the other protocol refused — is retried until <see cref="RemoteEnginesOptions.StartupTimeoutSeconds"/>.
/// </summary>
internal sealed class EngineDiscovery(RemoteEngineHttp http, IOptions<RemoteEnginesOptions> options, TimeProvider time)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private const string TokenRefused = "refused the cluster token: set the same Trinity:Cluster:Token (Trinity__Cluster__Token) on the gateway and every engine";

    /// <summary>The internal URL of the <paramref name="role"/> engine configured as <paramref name="setting"/> =
    /// <paramref name="configured"/>; throws <see cref="OptionsValidationException"/> naming the setting.</summary>
    public async Task<Uri> DiscoverAsync(string setting, EngineRole role, Uri configured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var deadline = time.GetUtcNow().AddSeconds(options.Value.StartupTimeoutSeconds);
        while (true)
        {
            var (info, problem, definite) = await AskAsync(configured, cancellationToken).ConfigureAwait(false);
            if (info is not null)
            {
                return Check(setting, role, configured, info);
            }

            if (definite)
            {
                throw Fail(setting, configured, problem == TokenRefused ? problem : $"is not a Trinity engine ({problem})");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw Fail(setting, configured, $"did not answer as a Trinity engine within {options.Value.StartupTimeoutSeconds:0.#} s ({problem})");
            }

            await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Uri Check(string setting, EngineRole role, Uri configured, EngineInfo info)
    {
        var expected = role == EngineRole.Prefill ? "prefill" : "decode";
        if (!string.Equals(info.Role, expected, StringComparison.Ordinal))
        {
            throw Fail(setting, configured, $"is a Trinity {info.Role} engine; this setting lists {expected} engines");
        }

        if (info.Protocol != EngineInfo.Http2PriorKnowledge || info.InternalPort is <= 0 or > 65535)
        {
            throw Fail(setting, configured, $"advertises an internal listener the gateway cannot use (port {info.InternalPort}, protocol '{info.Protocol}')");
        }

        return new UriBuilder(configured) { Port = info.InternalPort }.Uri;
    }

    /// <summary>Asks over HTTP/2 (the internal listener), then HTTP/1.1 (the public one). <c>Definite</c> is true when
    /// an HTTP server answered that it has no engine description, so waiting longer would not help.</summary>
    private async Task<(EngineInfo? Info, string Problem, bool Definite)> AskAsync(Uri configured, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var definite = false;
        foreach (var version in (Version[])[HttpVersion.Version20, HttpVersion.Version11])
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.HealthTimeoutSeconds));
            using var request = new HttpRequestMessage(HttpMethod.Get, EngineRoutes.Resolve(configured, EngineRoutes.Info))
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            try
            {
                using var response = await http.Client.SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    // An engine that requires the cluster token: waiting will not change the answer.
                    return (null, TokenRefused, true);
                }

                if (!response.IsSuccessStatusCode)
                {
                    // Kestrel answers 400 to HTTP/1.1 on an HTTP/2-only listener: the other protocol may do.
                    definite |= response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed;
                    problems.Add($"GET {EngineRoutes.Info} over HTTP/{version} answered {(int)response.StatusCode}");
                    continue;
                }

                var info = await response.Content.ReadFromJsonAsync(EngineJson.EngineInfo, timeout.Token).ConfigureAwait(false);
                if (info?.Role is not null)
                {
                    return (info, string.Empty, true);
                }

                definite = true;
                problems.Add($"GET {EngineRoutes.Info} answered no engine description");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problems.Add($"HTTP/{version}: no answer within {options.Value.HealthTimeoutSeconds:0.#} s");
            }
            catch (HttpRequestException ex)
            {
                // Nothing listening yet, or a listener of the other protocol: the other attempt or a later one decides.
                problems.Add($"HTTP/{version}: {ex.Message}");
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                definite = true;
                problems.Add($"HTTP/{version}: {ex.Message}");
            }
        }

        return (null, string.Join("; ", problems), definite);
    }

    private static OptionsValidationException Fail(string setting, Uri configured, string problem) =>
        new(RemoteEnginesOptions.SectionName, typeof(RemoteEnginesOptions), [$"{setting} = {configured}: {problem}"]);
}
