using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Trinity.Contracts;

namespace Trinity.Engine.KvTransfer;

/// <summary>Pulls a prefilled KV cache from a prefill engine over HTTP/2, within a time limit.</summary>
internal sealed class KvPullClient(HttpClient http, IOptions<KvTransferOptions> options)
{
    /// <summary>The blob, or an exception describing why it could not be had in time.</summary>
    public async Task<(byte[] Blob, TimeSpan Duration)> PullAsync(KvSource source, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PullTimeoutSeconds));
        var clock = Stopwatch.StartNew();
        var uri = new Uri(new Uri(source.Url.TrimEnd('/') + "/"), $"internal/kv/{Uri.EscapeDataString(source.KvHandle)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new KvFormatException($"pulling KV from {source.Url} failed with HTTP {(int)response.StatusCode}",
                    response.StatusCode == HttpStatusCode.NotFound ? KvFailure.Expired : KvFailure.Network);
            }

            var blob = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return (blob, clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KvFormatException($"pulling KV from {source.Url} timed out after {options.Value.PullTimeoutSeconds} s", KvFailure.Timeout);
        }
        catch (HttpRequestException ex)
        {
            throw new KvFormatException($"pulling KV from {source.Url} failed: {ex.Message}", KvFailure.Network, ex);
        }
    }
}
