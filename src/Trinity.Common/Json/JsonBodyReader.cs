using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Trinity.Common.Json;

/// <summary>The one reader of JSON request bodies (gateway, engines, pool): content type, size limit, and every way a
/// body can be wrong turned into a <see cref="JsonBodyException"/> that names the parameter at fault.</summary>
public static class JsonBodyReader
{
    private const string ConversionPrefix = "The JSON value could not be converted to ";

    /// <summary>Reads the body into <typeparamref name="T"/>; bodies over <paramref name="maxBytes"/> are refused.</summary>
    public static async ValueTask<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!IsJson(request.ContentType))
        {
            throw new JsonBodyException(
                JsonBodyProblem.UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json).", null, "unsupported_media_type");
        }

        T? value;
        try
        {
            if (request.ContentLength > maxBytes)
            {
                throw new BodyTooLargeException();
            }

            value = await JsonSerializer.DeserializeAsync(new LengthLimitedStream(request.Body, maxBytes), typeInfo, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            await DrainAsync(request, cancellationToken).ConfigureAwait(false);
            throw new JsonBodyException(JsonBodyProblem.TooLarge, $"The request body is larger than {maxBytes} bytes.", null, "request_too_large");
        }
        catch (JsonException exception)
        {
            throw Translate(exception, typeInfo.Options.MaxDepth);
        }
        catch (Exception exception) when (exception is InvalidOperationException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            // Invalid UTF-8 inside a string surfaces as a transcoding error rather than a JsonException.
            throw Invalid($"The request body is not valid UTF-8 JSON: {exception.Message}", null, "invalid_json");
        }

        return value ?? throw Invalid("The request body must be a JSON object.", null, "invalid_json");
    }

    /// <summary>JSON, or no content type at all (curl without <c>-H</c> sends form encoding, which is refused).</summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var subtype = mediaType.SubType;
        return mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
            && (subtype.Equals("json", StringComparison.OrdinalIgnoreCase) || subtype.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Names the parameter and the problem of a serializer failure.</summary>
    public static JsonBodyException Translate(JsonException exception, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var param = ToParam(exception.Path);
        if (exception is JsonParamException paramException)
        {
            param += paramException.Suffix;
            return Invalid($"Invalid '{param}': {paramException.Problem}", param, "invalid_value");
        }

        var message = exception.Message;
        if (message.StartsWith(ConversionPrefix, StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(param)
                ? Invalid("The request body must be a JSON object.", null, "invalid_json")
                : Invalid($"Invalid type for '{param}': expected {Describe(message.AsSpan(ConversionPrefix.Length))}.", param, "invalid_type");
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return Invalid($"The JSON body is nested too deeply (at most {(maxDepth == 0 ? 64 : maxDepth)} levels).", null, "invalid_json");
        }

        return Invalid($"We could not parse the JSON body of your request: {message}", null, "invalid_json");
    }

    private static JsonBodyException Invalid(string message, string? param, string code) => new(JsonBodyProblem.Invalid, message, param, code);

    /// <summary>Reads and discards the rest of an oversized body, so that the client finishes sending and reads the
    /// refusal (a server that answers mid-upload and closes leaves most clients with a broken pipe instead). Kestrel's
    /// own limit, a multiple of ours, bounds the work.</summary>
    private static async Task DrainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await request.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            // Beyond Kestrel's limit: the connection will be closed after the refusal.
        }
    }

    /// <summary><c>$.messages[1].content</c> → <c>messages[1].content</c>; the root → empty.</summary>
    private static string ToParam(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return string.Empty;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>Names the expected JSON type from the .NET type in the serializer's message.</summary>
    private static string Describe(ReadOnlySpan<char> typeText)
    {
        var end = typeText.IndexOf(". Path:");
        var type = end >= 0 ? typeText[..end] : typeText;
        if (type.Contains("List`", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal))
        {
            return "an array";
        }

        if (type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal))
        {
            return "an integer";
        }

        if (type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal))
        {
            return "a number";
        }

        if (type.Contains("Boolean", StringComparison.Ordinal))
        {
            return "a boolean";
        }

        return type.Contains("System.String", StringComparison.Ordinal) ? "a string" : "an object";
    }
}
