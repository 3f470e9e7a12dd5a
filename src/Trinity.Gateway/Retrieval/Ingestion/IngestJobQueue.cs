using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>The bounded queue between the endpoint and <see cref="IngestJobWorker"/>: a full queue refuses new jobs
/// (429) instead of holding ever more documents in memory.</summary>
internal sealed class IngestJobQueue(IOptions<IngestionOptions> options)
{
    private readonly Channel<IngestJob> _channel = Channel.CreateBounded<IngestJob>(
        new BoundedChannelOptions(options.Value.JobQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public int Capacity { get; } = options.Value.JobQueueCapacity;

    /// <summary>Jobs waiting (cancelled ones included until the worker skips them).</summary>
    public int Count => _channel.Reader.Count;

    public ChannelReader<IngestJob> Reader => _channel.Reader;

    public bool TryEnqueue(IngestJob job) => _channel.Writer.TryWrite(job);
}
