using Microsoft.AspNetCore.Http;
using Trinity.Contracts;
using Trinity.Contracts.Errors;

namespace Trinity.Engine.Hosting;

/// <summary>Error results of the internal APIs, in the OpenAI error shape.</summary>
internal static class EngineErrors
{
    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message, "invalid_request_error");

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message, "not_found_error");

    public static IResult Overloaded(string message) => Error(StatusCodes.Status503ServiceUnavailable, message, "overloaded_error");

    public static IResult Error(int status, string message, string type) =>
        Results.Json(new ErrorEnvelope(new ErrorDetail(message, type)), EngineJson.EngineError, statusCode: status);
}
