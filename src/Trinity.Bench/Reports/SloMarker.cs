namespace Trinity.Bench.Reports;

/// <summary>A target drawn as a dashed vertical line on a <see cref="CdfChart"/> panel.</summary>
internal readonly record struct SloMarker(string Label, double Ms);
