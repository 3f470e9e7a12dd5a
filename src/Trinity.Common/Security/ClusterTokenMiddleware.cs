using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Trinity.Common.Security;

/// <summary>
/// Guards a role's every route but the probes (<c>/health</c>, <c>/metrics</c>) with the cluster token: a missing or
/// wrong <c>Authorization: Bearer</c> is answered 401 in the error shape. The token is compared as a SHA-256 digest in
/// constant time. Nothing is checked when no token is configured (a local cluster on loopback).
/// </summary>
internal sealed class ClusterTokenMiddleware(RequestDelegate next, IOptions<ClusterOptions> options)
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _digest = options.Value.HasToken ? Digest(options.Value.Token!) : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_digest is null || IsProbe(context.Request.Path) || Authorized(context.Request))
        {
            return next(context);
        }

        var missing = context.Request.Headers.Authorization.Count == 0;
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.ContentType = "application/json";
        var message = missing
            ? "This is an internal endpoint of a Trinity cluster: send the cluster token (Trinity:Cluster:Token) as 'Authorization: Bearer TOKEN'."
            : "Incorrect cluster token.";
        return context.Response.WriteAsync(
            $$$"""{"error":{"message":"{{{message}}}","type":"invalid_request_error","param":null,"code":"invalid_cluster_token"}}""",
            context.RequestAborted);
    }

    /// <summary>Liveness, readiness and Prometheus scrapes stay open: probes carry no secrets.</summary>
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : string.Empty;
        return CryptographicOperations.FixedTimeEquals(Digest(presented), _digest);
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
