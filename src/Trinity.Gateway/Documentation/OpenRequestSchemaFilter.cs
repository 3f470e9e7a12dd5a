using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Trinity.Gateway.Documentation;

/// <summary>Wire objects accept fields they do not know (clients send vendor extensions), so their schemas must not
/// say <c>additionalProperties: false</c>.</summary>
internal sealed class OpenRequestSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema { Type: JsonSchemaType.Object } concrete)
        {
            concrete.AdditionalPropertiesAllowed = true;
        }
    }
}
