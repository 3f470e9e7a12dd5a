using Microsoft.OpenApi;

namespace Trinity.Gateway.Documentation;

/// <summary>Swagger UI at <c>/swagger</c> over an OpenAPI document of the OpenAI and Trinity endpoints.</summary>
public static class SwaggerExtensions
{
    /// <summary>Registers the OpenAPI document generator.</summary>
    public static IServiceCollection AddTrinitySwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Trinity",
                Version = "v1",
                Description = "OpenAI-compatible API (base URL /v1) and Trinity's own endpoints. Errors are "
                    + "{\"error\": {\"message\", \"type\", \"param\", \"code\"}}.",
            });
            WireSchemas.Register(options);
            options.SchemaFilter<OpenRequestSchemaFilter>();
        });
        return services;
    }

    /// <summary>Serves the document at <c>/swagger/v1/swagger.json</c> and the UI at <c>/swagger</c>.</summary>
    public static IApplicationBuilder UseTrinitySwagger(this IApplicationBuilder app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "Trinity v1");
            ui.DocumentTitle = "Trinity API";
        });
        return app;
    }
}
