using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Trinity.VectorGpu.Client.Wire;

namespace Trinity.VectorGpu.Client;

/// <summary>
/// <see cref="IVectorPool"/> over the pool's HTTP API (a <c>--role vector</c> process), for gateways and decode engines
/// in the distributed mode. Calls go over HTTP/2 to the pool's internal listener, each within a time limit; the
/// pool's own errors come back as the same <see cref="VectorPoolException"/>s the in-process pool throws, and an
/// unreachable pool is a 503. With several URLs, a call that cannot reach one tries the next.
/// </summary>
public sealed class HttpVectorPool : IVectorPool, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri[] _bases;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly bool _ownsClient;
    private readonly bool[] _http11;
    private int _preferred;

    /// <param name="http">The client; disposed with this pool when <paramref name="ownsClient"/>.</param>
    /// <param name="urls">Base URLs of the pool process(es), tried in turn.</param>
    /// <param name="timeout">Limit on one call.</param>
    /// <param name="time">Clock used to turn absolute deadlines into the API's relative ones.</param>
    /// <param name="ownsClient">Whether disposing this pool disposes <paramref name="http"/>.</param>
    public HttpVectorPool(HttpClient http, IReadOnlyList<string> urls, TimeSpan timeout, TimeProvider time, bool ownsClient = false)
    {
        _ownsClient = ownsClient;
        ArgumentNullException.ThrowIfNull(urls);
        _http = http;
        _bases = urls.Select(u => new Uri(u.TrimEnd('/') + "/", UriKind.Absolute)).ToArray();
        _timeout = timeout;
        _time = time;
        if (_bases.Length == 0)
        {
            throw new ArgumentException("a remote vector pool needs at least one URL", nameof(urls));
        }

        _http11 = new bool[_bases.Length];
    }

    public Task<CollectionInfo> CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "v1/collections", Body(spec, VectorPoolJsonContext.Default.CollectionSpec), VectorPoolJsonContext.Default.CollectionInfo, cancellationToken);

    public async Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, "v1/collections", null, VectorPoolJsonContext.Default.CollectionListResponse, cancellationToken).ConfigureAwait(false)).Data;

    public Task<CollectionInfo> GetCollectionAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, Path(name), null, VectorPoolJsonContext.Default.CollectionInfo, cancellationToken);

    public Task DeleteCollectionAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Path(name), null, VectorPoolJsonContext.Default.DeletedResponse, cancellationToken);

    public Task<UpsertResult> UpsertAsync(string collection, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Path(collection) + "/points", Body(new UpsertPointsBody(points), VectorPoolJsonContext.Default.UpsertPointsBody), VectorPoolJsonContext.Default.UpsertResult, cancellationToken);

    public Task<UpsertResult> DeletePointsAsync(string collection, IReadOnlyList<PointId> ids, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Path(collection) + "/points/delete", Body(new DeletePointsBody(ids), VectorPoolJsonContext.Default.DeletePointsBody), VectorPoolJsonContext.Default.UpsertResult, cancellationToken);

    public Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, Path(request.Collection) + "/search", Body(ToBody(request), VectorPoolJsonContext.Default.SearchBody), VectorPoolJsonContext.Default.VectorSearchResult, cancellationToken);
    }

    public async Task<IReadOnlyList<VectorSearchResult>> SearchBatchAsync(IReadOnlyList<VectorSearchRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        // The batch route is per collection; concurrent searches share the pool's iterations all the same.
        return await Task.WhenAll(requests.Select(r => SearchAsync(r, cancellationToken))).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private SearchBody ToBody(VectorSearchRequest request) => new()
    {
        Vector = request.Vector,
        Text = request.Text,
        K = request.K,
        Filter = request.Filter?.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        Nprobe = request.Nprobe,
        Ef = request.Ef,
        Stage = request.Stage,
        DeadlineMs = request.Deadline is { } deadline ? Math.Max(1, (deadline - _time.GetUtcNow()).TotalMilliseconds) : null,
    };

    private static string Path(string collection) => "v1/collections/" + Uri.EscapeDataString(collection);

    private static HttpContent Body<T>(T value, JsonTypeInfo<T> type) => JsonContent.Create(value, type);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var payload = content is null ? null : await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var start = Volatile.Read(ref _preferred);
        string? lastError = null;
        for (var attempt = 0; attempt < _bases.Length; attempt++)
        {
            var index = (start + attempt) % _bases.Length;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            // Cleartext HTTP/2 needs prior knowledge (the pool's internal listener speaks only HTTP/2); a URL that turns
            // out to speak only HTTP/1.1 (a public listener) is remembered and reached that way.
            using var message = new HttpRequestMessage(method, new Uri(_bases[index], path))
            {
                Version = _http11[index] ? HttpVersion.Version11 : HttpVersion.Version20,
                VersionPolicy = _http11[index] ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact,
            };
            if (payload is not null)
            {
                message.Content = new ByteArrayContent(payload);
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            }

            try
            {
                using var response = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
                Volatile.Write(ref _preferred, index);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw Error((int)response.StatusCode, body);
                }

                return JsonSerializer.Deserialize(body, type)
                    ?? throw new VectorPoolException(502, "api_error", "the vector pool sent an empty answer");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = $"the vector pool at {_bases[index]} did not answer within {_timeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException ex) when (!_http11[index] && ex.HttpRequestError == HttpRequestError.HttpProtocolError)
            {
                _http11[index] = true;
                attempt--;
                lastError = ex.Message;
            }
            catch (HttpRequestException ex)
            {
                lastError = $"the vector pool at {_bases[index]} is unreachable: {ex.Message}";
            }
        }

        throw new VectorPoolException(503, "service_unavailable", lastError ?? "no vector pool is reachable");
    }

    private static VectorPoolException Error(int status, byte[] body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, VectorPoolJsonContext.Default.ErrorEnvelope)?.Error is { } error)
            {
                return new VectorPoolException(status, error.Type, error.Message, error.Param, error.Code);
            }
        }
        catch (JsonException)
        {
            // Not our error shape (a proxy in between): report the status alone.
        }

        return new VectorPoolException(status, status >= 500 ? "api_error" : "invalid_request_error", $"the vector pool answered HTTP {status}");
    }
}
