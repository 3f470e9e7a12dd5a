using System.Diagnostics.Metrics;

namespace Trinity.Gateway.Diagnostics;

/// <summary>The gateway process's managed memory (meter <c>Trinity.Gateway.Process</c>): the GC heap after the last
/// collection (<c>trinity_process_gc_heap_bytes</c>) and the bytes allocated so far, so that a soak run can tell a leak
/// (the heap keeps growing) from a busy but stable process.</summary>
internal sealed class ProcessMetrics
{
    public const string MeterName = "Trinity.Gateway.Process";

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("trinity.process.gc_heap", () => GC.GetGCMemoryInfo().HeapSizeBytes, "By", "Managed heap size after the last garbage collection.");
        meter.CreateObservableCounter("trinity.process.gc_allocated", () => GC.GetTotalAllocatedBytes(), "By", "Bytes allocated on the managed heap since the start.");
    }
}
