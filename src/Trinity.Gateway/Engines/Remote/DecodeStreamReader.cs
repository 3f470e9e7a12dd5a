using System.Text.Json;
using Trinity.Contracts;

namespace Trinity.Gateway.Engines.Remote;

/// <summary>Reads a decode engine's NDJSON outputs one line at a time, each within the idle limit. Failures are
/// returned, not thrown, so that the caller can decide between retrying and failing the stream.</summary>
internal sealed class DecodeStreamReader(Stream body, TimeSpan idleTimeout) : IAsyncDisposable
{
    private readonly StreamReader _reader = new(body);

    public async Task<(GenerationOutput? Output, string? Error)> NextAsync(CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        try
        {
            var line = await _reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
            if (line is null)
            {
                return (null, null);
            }

            var output = JsonSerializer.Deserialize(line, EngineJson.GenerationOutput);
            return output is null ? (null, "the decode engine sent an empty output") : (output, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"the decode engine sent nothing for {idleTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException)
        {
            return (null, $"the decode engine's stream broke: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }
}
