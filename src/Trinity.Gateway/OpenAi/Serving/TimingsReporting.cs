using System.Globalization;
using Trinity.Gateway.Cache;
using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>The exchange's <see cref="RequestTimings"/> (an <see cref="HttpContext"/> feature started by
/// <see cref="RequestIdMiddleware"/>) and how they are reported: the <c>trinity</c> object and <c>x-trinity-*</c>
/// headers.</summary>
internal static class TimingsReporting
{
    /// <summary>The request's timings, started on first use when the middleware did not run (tests host handlers
    /// alone).</summary>
    public static RequestTimings Timings(this HttpContext context)
    {
        var timings = context.Features.Get<RequestTimings>();
        if (timings is null)
        {
            timings = new RequestTimings(context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System);
            context.Features.Set(timings);
        }

        return timings;
    }

    public static TrinityTimings ToWire(this RequestTimings timings) => new()
    {
        QueueMs = timings.QueueMs,
        TtftMs = timings.TtftMs,
        E2eMs = timings.E2eMs,
        SloPolicy = timings.SloPolicy,
        Retrieval = timings.Retrieval,
        Cache = timings.Cache,
    };

    /// <summary>Adds the <c>x-trinity-*</c> headers for the stages known when the response starts.</summary>
    public static void WriteHeaders(this RequestTimings timings, IHeaderDictionary headers)
    {
        Add(headers, "x-trinity-queue-ms", timings.QueueMs);
        Add(headers, "x-trinity-ttft-ms", timings.TtftMs);
        Add(headers, "x-trinity-e2e-ms", timings.E2eMs);
        Add(headers, "x-trinity-retrieval-ms", timings.Retrieval?.Ms);
        if (timings.SloPolicy is not null)
        {
            headers["x-trinity-slo"] = timings.SloPolicy;
        }

        if (timings.Retrieval is { Chunks.Count: > 0 } retrieval)
        {
            headers["x-trinity-retrieval-chunks"] = string.Join(',', retrieval.Chunks.Select(c => Uri.EscapeDataString(c.Id)));
        }

        if (timings.Cache is { } cache)
        {
            headers[AnswerCacheStage.HeaderName] = cache.Status;
        }
    }

    private static void Add(IHeaderDictionary headers, string name, double? value)
    {
        if (value is { } ms)
        {
            headers[name] = ms.ToString("0.###", CultureInfo.InvariantCulture);
        }
    }
}
