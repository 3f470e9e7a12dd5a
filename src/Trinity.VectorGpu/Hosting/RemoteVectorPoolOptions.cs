using System.ComponentModel.DataAnnotations;

namespace Trinity.VectorGpu.Hosting;

/// <summary>A vector pool in another process (configuration section <c>Trinity:VectorPool</c>, key <c>Remote</c>): its
/// internal (HTTP/2) URLs; the first healthy one serves, the others take over when it fails.</summary>
public sealed record RemoteVectorPoolOptions
{
    public const string SectionName = "Trinity:VectorPool";

    public IReadOnlyList<string> Remote { get; init; } = [];

    /// <summary>Limit on one call (a search's own deadline usually ends it sooner).</summary>
    [Range(0.1, 3600)]
    public double TimeoutSeconds { get; init; } = 30;

    public bool Enabled => Remote.Count > 0;
}
