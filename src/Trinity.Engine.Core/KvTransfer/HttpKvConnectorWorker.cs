using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Trinity.Contracts;
using Trinity.Engine.Hosting;

namespace Trinity.Engine.KvTransfer;

/// <summary>
/// The worker side of the HTTP connector, on a decode engine: pulls the frame from the prefill engine named by the
/// handle over HTTP/2 within <see cref="KvTransferOptions.PullTimeoutSeconds"/>, then checks and loads it (checksums,
/// version, layout, model fingerprint). Every way it can fail comes back as a typed <see cref="KvFailure"/>.
/// </summary>
internal sealed class HttpKvConnectorWorker(HttpClient http, IOptions<KvTransferOptions> options, InProcessEngine engine) : IKvConnectorWorker
{
    public async ValueTask<KvFetchResult> FetchAsync(KvHandle handle, CancellationToken cancellationToken)
    {
        if (handle.Owner is null)
        {
            return KvFetchResult.Failed(KvFailure.Network, $"KV handle '{handle.Id}' names no engine to pull it from");
        }

        var limit = options.Value.PullTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(limit));
        var clock = Stopwatch.StartNew();
        byte[] frame;
        using var request = new HttpRequestMessage(HttpMethod.Get, EngineRoutes.Resolve(handle.Owner, EngineRoutes.KvPath(handle.Id)))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return KvFetchResult.Failed(response.StatusCode == HttpStatusCode.NotFound ? KvFailure.Expired : KvFailure.Network,
                    $"pulling KV from {handle.Owner} failed with HTTP {(int)response.StatusCode}");
            }

            frame = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return KvFetchResult.Failed(KvFailure.Timeout, $"pulling KV from {handle.Owner} timed out after {limit} s");
        }
        catch (HttpRequestException ex)
        {
            return KvFetchResult.Failed(KvFailure.Network, $"pulling KV from {handle.Owner} failed: {ex.Message}");
        }

        var duration = clock.Elapsed;
        try
        {
            var kv = KvCacheBlob.Import(frame, engine.Model.Config, engine.Model.Fingerprint, engine.Layout);
            return KvFetchResult.Success(kv, frame.Length, duration);
        }
        catch (KvFormatException ex)
        {
            return KvFetchResult.Failed(ex.Reason, ex.Message);
        }
    }
}
