using System.Text.Json;

namespace Trinity.Common.Json;

/// <summary>Thrown by the protocol converters: <see cref="Problem"/> says what is wrong and <see cref="Suffix"/> how
/// far inside the converted value (e.g. <c>[1].text</c>), since the serializer only knows the path of the value.</summary>
public sealed class JsonParamException : JsonException
{
    public JsonParamException(string problem, string suffix = "")
        : base(problem)
    {
        Problem = problem;
        Suffix = suffix;
    }

    public string Problem { get; }

    public string Suffix { get; }
}
