using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.Documentation;

/// <summary>Schemas of the wire types whose JSON shape is a union (written by custom converters), which the
/// generator cannot infer from their .NET properties.</summary>
internal static class WireSchemas
{
    public static void Register(SwaggerGenOptions options)
    {
        options.MapType<StopSequences>(() => new OpenApiSchema
        {
            Description = "A stop string or up to 4 stop strings.",
            OneOf = [String(), new OpenApiSchema { Type = JsonSchemaType.Array, Items = String(), MaxItems = 4 }],
        });
        options.MapType<MessageContent>(() => new OpenApiSchema
        {
            Description = "Text, or an array of {\"type\": \"text\", \"text\": ...} parts.",
            OneOf =
            [
                String(),
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "type", "text" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["type"] = String(), ["text"] = String() },
                    },
                },
            ],
        });
        options.MapType<TextOrTokens>(() => new OpenApiSchema
        {
            Description = "A string, an array of strings, an array of token ids, or an array of token-id arrays.",
            OneOf = [String(), Array(String()), Array(Integer()), Array(Array(Integer()))],
        });
        options.MapType<EmbeddingVector>(() => new OpenApiSchema
        {
            Description = "An array of numbers, or (encoding_format base64) the base64 of little-endian float32 bytes.",
            OneOf = [Array(new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" }), new OpenApiSchema { Type = JsonSchemaType.String, Format = "byte" }],
        });
    }

    private static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Integer() => new() { Type = JsonSchemaType.Integer, Format = "int32" };

    private static OpenApiSchema Array(OpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };
}
