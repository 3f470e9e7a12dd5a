using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Trinity.VectorGpu.Hosting;

/// <summary>The bounded channel between callers and the iteration loop: a full queue holds callers back.</summary>
internal sealed class VectorPoolQueue(IOptions<VectorPoolOptions> options)
{
    public Channel<PendingSearch> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<PendingSearch>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
}
