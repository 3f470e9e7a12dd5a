using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trinity.Contracts;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>
/// Generation over PD-disaggregated engines: the prompt goes to a prefill engine, which keeps the KV cache and
/// answers with the first token and a handle; a decode engine pulls the cache directly from it and streams the
/// continuation. Every call has a limit. An engine that fails before the first output is replaced by another
/// (a decode engine with no usable cache recomputes the prompt); after the first output a failure ends the
/// stream with <see cref="EngineStreamException"/>. Cancelling aborts the HTTP/2 stream, which cancels the
/// sequence on the engine.
/// </summary>
public sealed partial class RemoteGenerationEngine(
    EnginePool pool, RemoteEngineHttp http, IOptions<RemoteEnginesOptions> options, TimeProvider time, ILogger<RemoteGenerationEngine> logger, AbandonedKvRelease release)
    : IGenerationEngine
{
    private readonly RemoteEnginesOptions _options = options.Value;

    /// <inheritdoc />
    public async IAsyncEnumerable<GenerationOutput> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefill = await PrefillAsync(request, cancellationToken).ConfigureAwait(false);

        // Until the first decode attempt has streamed an output, the prefill engine may still hold the cache: the
        // decode engine fetches it before its first output, so after that output it is taken (or failed and dropped).
        var handedOver = prefill is null;
        try
        {
            var tried = new List<EngineNode>();
            var emitted = false;
            while (true)
            {
                var node = pool.Candidates(EngineRole.Decode, tried).FirstOrDefault()
                    ?? throw new EngineOverloadedException(tried.Count == 0 ? "no healthy decode engine" : "every decode engine failed this request");
                tried.Add(node);
                node.AddSequences(1);
                try
                {
                    var (response, error) = await StartDecodeAsync(node, new DecodeCall(request, tried.Count == 1 ? prefill : null), cancellationToken).ConfigureAwait(false);
                    if (response is null)
                    {
                        LogRetry(request.RequestId, node.Url, error!);
                        continue;
                    }

                    using (response)
                    {
                        await using var reader = new DecodeStreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), TimeSpan.FromSeconds(_options.DecodeIdleTimeoutSeconds));
                        while (true)
                        {
                            var (output, failure) = await reader.NextAsync(cancellationToken).ConfigureAwait(false);
                            if (output is null)
                            {
                                failure ??= "the decode engine closed the stream before the sequence finished";
                                node.MarkUnhealthy(failure, time.GetUtcNow());
                                if (emitted)
                                {
                                    throw new EngineStreamException(failure);
                                }

                                LogRetry(request.RequestId, node.Url, failure);
                                break;
                            }

                            emitted = true;
                            handedOver |= tried.Count == 1;
                            yield return output;
                            if (output.FinishReason is not null)
                            {
                                yield break;
                            }
                        }
                    }
                }
                finally
                {
                    node.AddSequences(-1);
                }
            }
        }
        finally
        {
            if (!handedOver)
            {
                await release.ReleaseAsync(request.RequestId, prefill!).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the prompt on the least loaded prefill engine; null when there is none or all failed, in which
    /// case the decode engine computes the prompt itself.</summary>
    private async Task<KvSource?> PrefillAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        foreach (var node in pool.Candidates(EngineRole.Prefill, []))
        {
            node.AddTokens(request.PromptTokens.Count);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.PrefillTimeoutSeconds));
            try
            {
                using var response = await http.Client.PostAsJsonAsync(EngineRoutes.Resolve(node.Url, EngineRoutes.Prefill), request, EngineJson.GenerationRequest, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    throw new ArgumentException(await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false));
                }

                if (response.IsSuccessStatusCode
                    && await response.Content.ReadFromJsonAsync(EngineJson.PrefillReply, timeout.Token).ConfigureAwait(false) is { } reply)
                {
                    return new KvSource(node.Url.ToString(), reply.KvHandle, reply.FirstToken, reply.FirstLogprob);
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    node.MarkUnhealthy($"prefill answered HTTP {(int)response.StatusCode}", time.GetUtcNow());
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                node.MarkUnhealthy($"prefill took longer than {_options.PrefillTimeoutSeconds} s", time.GetUtcNow());
            }
            catch (HttpRequestException ex)
            {
                node.MarkUnhealthy(ex.Message, time.GetUtcNow());
            }
            finally
            {
                node.AddTokens(-request.PromptTokens.Count);
            }
        }

        return null;
    }

    /// <summary>Sends the decode call and waits for its headers; a failure is returned so the caller can try another engine.</summary>
    private async Task<(HttpResponseMessage? Response, string? Error)> StartDecodeAsync(EngineNode node, DecodeCall call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.DecodeIdleTimeoutSeconds));
        HttpResponseMessage? response = null;
        try
        {
            // A hand-made message does not take the client's default version: without these it goes out as HTTP/1.1,
            // which the engines' HTTP/2-only internal listener answers with 400.
            using var message = new HttpRequestMessage(HttpMethod.Post, EngineRoutes.Resolve(node.Url, EngineRoutes.Decode))
            {
                Content = JsonContent.Create(call, EngineJson.DecodeCall),
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            response = await http.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (response, null);
            }

            var error = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                throw new ArgumentException(error);
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                node.MarkUnhealthy(error, time.GetUtcNow());
            }

            response.Dispose();
            return (null, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            node.MarkUnhealthy("decode did not start in time", time.GetUtcNow());
            return (null, "decode did not start in time");
        }
        catch (HttpRequestException ex)
        {
            response?.Dispose();
            node.MarkUnhealthy(ex.Message, time.GetUtcNow());
            return (null, ex.Message);
        }
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(EngineJson.EngineError, cancellationToken).ConfigureAwait(false);
            return error?.Error.Message ?? $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or HttpRequestException or NotSupportedException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Request {RequestId}: decode engine {Url} failed before the first output ({Error}); trying another")]
    private partial void LogRetry(string requestId, Uri url, string error);
}
