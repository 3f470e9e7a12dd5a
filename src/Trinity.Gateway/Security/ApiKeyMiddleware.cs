using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Errors;

namespace Trinity.Gateway.Security;

/// <summary>When API keys are configured, <c>/v1/*</c> requires <c>Authorization: Bearer &lt;key&gt;</c>; a missing or
/// wrong key gets 401 in the OpenAI error shape. Keys are compared as SHA-256 digests in constant time.</summary>
internal sealed class ApiKeyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly byte[][] _keyDigests;

    public ApiKeyMiddleware(RequestDelegate next, IOptions<AuthOptions> options)
    {
        _next = next;
        _keyDigests = [.. options.Value.ApiKeys.Where(k => k.Length > 0).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_keyDigests.Length == 0 || !context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal) || IsAuthorized(context.Request))
        {
            return _next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        var error = new ErrorDetail(
            context.Request.Headers.Authorization.Count == 0
                ? "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'."
                : "Incorrect API key provided.",
            ErrorKinds.InvalidRequestType,
            Code: "invalid_api_key");
        return OpenAiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, error);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var match = false;
        foreach (var key in _keyDigests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, key);
        }

        return match;
    }
}
