namespace Trinity.Gateway.OpenAi.Errors;

/// <summary>Makes every error response carry the OpenAI error shape.</summary>
public static class ErrorPipelineExtensions
{
    /// <summary>Catches failures (<see cref="OpenAiErrorMiddleware"/>) and gives body-less error statuses (routing's
    /// 404 and 405, ...) an error body.</summary>
    public static IApplicationBuilder UseOpenAiErrors(this IApplicationBuilder app)
    {
        app.UseMiddleware<OpenAiErrorMiddleware>();
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            return OpenAiErrorWriter.WriteAsync(http, http.Response.StatusCode, OpenAiErrors.ForStatus(http.Response.StatusCode, http.Request));
        });
        return app;
    }
}
