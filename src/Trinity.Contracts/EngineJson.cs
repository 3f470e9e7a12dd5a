using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Trinity.Contracts.Errors;

namespace Trinity.Contracts;

/// <summary>
/// JSON of the records gateways and engines exchange (snake_case on the wire). Reflection-based on purpose: the
/// source generator builds init-only properties through an object initializer and so resets the defaults of
/// fields a sender leaves out (top_p = 1, max_tokens, sampling), which the reflection path keeps.
/// </summary>
public static class EngineJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<GenerationRequest> GenerationRequest { get; } = Info<GenerationRequest>();

    public static JsonTypeInfo<GenerationOutput> GenerationOutput { get; } = Info<GenerationOutput>();

    public static JsonTypeInfo<PrefillReply> PrefillReply { get; } = Info<PrefillReply>();

    public static JsonTypeInfo<DecodeCall> DecodeCall { get; } = Info<DecodeCall>();

    /// <summary>The error body of the engines' APIs.</summary>
    public static JsonTypeInfo<ErrorEnvelope> EngineError { get; } = Info<ErrorEnvelope>();

    public static JsonTypeInfo<EngineInfo> EngineInfo { get; } = Info<EngineInfo>();

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 32,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
