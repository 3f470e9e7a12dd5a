using System.Diagnostics;

namespace Trinity.Gateway.Diagnostics;

/// <summary>Counts every request by route template (never the raw path: label values stay bounded), method and final
/// status, and times it.</summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var tags = new TagList
            {
                { "route", route },
                { "method", Method(context.Request.Method) },
                { "status", StatusText(context.Response.StatusCode) },
            };
            metrics.HttpRequests.Add(1, tags);
            metrics.HttpDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, new KeyValuePair<string, object?>("route", route));
        }
    }

    private static string Method(string method) =>
        HttpMethods.IsGet(method) ? "GET"
        : HttpMethods.IsPost(method) ? "POST"
        : HttpMethods.IsDelete(method) ? "DELETE"
        : HttpMethods.IsPut(method) ? "PUT"
        : HttpMethods.IsHead(method) ? "HEAD"
        : HttpMethods.IsOptions(method) ? "OPTIONS"
        : HttpMethods.IsPatch(method) ? "PATCH"
        : "other";

    /// <summary>Cached strings: a status tag is recorded on every request.</summary>
    private static string StatusText(int status) => status is >= 100 and < 600 ? StatusTexts[status - 100] : "other";

    private static readonly string[] StatusTexts =
        [.. Enumerable.Range(100, 500).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
