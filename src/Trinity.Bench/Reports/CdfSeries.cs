namespace Trinity.Bench.Reports;

/// <summary>One curve of a <see cref="CdfChart"/>: a run's per-request TTFT and TPOT in milliseconds. Requests that
/// never finished are <see cref="double.PositiveInfinity"/>, so the curve stops below 1 by their share.
/// <see cref="Note"/> follows the name in the legend (the run's key figures).</summary>
internal sealed record CdfSeries(string Name, IReadOnlyList<double> TtftMs, IReadOnlyList<double> TpotMs, string? Note = null);
