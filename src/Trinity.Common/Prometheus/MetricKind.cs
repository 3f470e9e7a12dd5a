namespace Trinity.Common.Prometheus;

/// <summary>Prometheus metric types, with how an instrument's measurements combine.</summary>
internal enum MetricKind
{
    /// <summary>Monotonic sum of measurements (<c>Counter&lt;T&gt;</c>).</summary>
    Counter,

    /// <summary>Cumulative value reported by a callback (<c>ObservableCounter&lt;T&gt;</c>).</summary>
    ObservedCounter,

    /// <summary>Sum that may go down (<c>UpDownCounter&lt;T&gt;</c>).</summary>
    SumGauge,

    /// <summary>Last value (<c>Gauge&lt;T&gt;</c>, observable gauges and up-down counters).</summary>
    LastValueGauge,

    /// <summary>Bucketed distribution (<c>Histogram&lt;T&gt;</c>).</summary>
    Histogram,
}
