using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>First middleware of every request: starts its <see cref="RequestTimings"/>, adopts a well-formed
/// client <c>x-request-id</c> or makes one, and echoes it (with the <c>x-trinity-*</c> timings) on every response.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, TimeProvider time)
{
    public const string HeaderName = "x-request-id";

    public Task InvokeAsync(HttpContext context)
    {
        var timings = new RequestTimings(time);
        context.Features.Set(timings);
        var requestId = context.Request.Headers[HeaderName].ToString();
        if (!IsWellFormed(requestId))
        {
            requestId = Guid.NewGuid().ToString("N");
        }

        context.TraceIdentifier = requestId;
        context.Response.OnStarting(static state =>
        {
            var (context, timings) = ((HttpContext, RequestTimings))state;
            context.Response.Headers[HeaderName] = context.TraceIdentifier;
            timings.WriteHeaders(context.Response.Headers);
            return Task.CompletedTask;
        }, (context, timings));
        return next(context);
    }

    /// <summary>Client ids end up in logs and headers: only short, plain tokens are adopted.</summary>
    private static bool IsWellFormed(string value)
    {
        if (value.Length is 0 or > 128)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
