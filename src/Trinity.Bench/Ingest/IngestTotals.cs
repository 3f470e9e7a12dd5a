namespace Trinity.Bench.Ingest;

/// <summary>Running totals of a folder ingest.</summary>
internal sealed class IngestTotals
{
    public int Files { get; set; }

    public int Documents { get; set; }

    public int Skipped { get; set; }

    public long ChunksWritten { get; set; }

    public long ChunksDeleted { get; set; }

    public int Requests { get; set; }

    public int Jobs { get; set; }

    /// <summary>Files handled: sent and acknowledged, or skipped.</summary>
    public int Handled => Documents + Skipped;
}
