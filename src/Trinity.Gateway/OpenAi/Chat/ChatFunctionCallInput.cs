namespace Trinity.Gateway.OpenAi.Chat;

/// <summary>The function of a call sent back in <c>messages</c>: its name and its arguments as a JSON string.</summary>
public sealed record ChatFunctionCallInput
{
    public string? Name { get; init; }

    public string? Arguments { get; init; }
}
