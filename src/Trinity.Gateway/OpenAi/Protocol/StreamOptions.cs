namespace Trinity.Gateway.OpenAi.Protocol;

/// <summary><c>stream_options</c> of chat and text completions.</summary>
public sealed record StreamOptions
{
    /// <summary>Adds <c>"usage": null</c> to every chunk and a last chunk with <c>choices: []</c> and the usage.</summary>
    public bool? IncludeUsage { get; init; }
}
