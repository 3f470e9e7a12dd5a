using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using Trinity.Contracts.Errors;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Errors;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>Named request-timeout policies (ASP.NET Core's RequestTimeouts): the endpoint's
/// <see cref="HttpContext.RequestAborted"/> becomes a token linked with the deadline; when it fires before the
/// response started, the client gets 504 in the OpenAI error shape (a started stream gets an error event).</summary>
internal static class RequestTimeoutPolicies
{
    public const string Generation = "trinity-generation";
    public const string Short = "trinity-short";

    public static IServiceCollection AddTrinityRequestTimeouts(this IServiceCollection services)
    {
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<GatewayOptions>>((timeouts, gateway) =>
        {
            timeouts.AddPolicy(Generation, Policy(gateway.Value.GenerationTimeout));
            timeouts.AddPolicy(Short, Policy(gateway.Value.ShortTimeout));
        });
        return services;
    }

    private static RequestTimeoutPolicy Policy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => OpenAiErrorWriter.WriteAsync(
            context,
            StatusCodes.Status504GatewayTimeout,
            new ErrorDetail($"The request did not complete within {timeout.TotalSeconds:0.###} s.", ErrorKinds.ServerErrorType, Code: "timeout")),
    };
}
