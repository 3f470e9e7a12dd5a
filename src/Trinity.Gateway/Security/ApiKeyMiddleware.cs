using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Gateway.Tenancy;

namespace Trinity.Gateway.Security;

/// <summary>When API keys are configured, <c>/v1/*</c> requires <c>Authorization: Bearer &lt;key&gt;</c>; a missing or
/// wrong key gets 401 in the OpenAI error shape. A known key sets the request's tenant (<see cref="TenantHttpContextExtensions"/>).
/// Keys are compared as SHA-256 digests in constant time (<see cref="TenantDirectory"/>).</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, TenantDirectory directory)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (directory.IsOpen || !context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            return next(context);
        }

        if (Find(context.Request) is { } tenant)
        {
            context.SetTenant(tenant);
            return next(context);
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

    private Tenant? Find(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? directory.Find(header[scheme.Length..].Trim()) : null;
    }
}
