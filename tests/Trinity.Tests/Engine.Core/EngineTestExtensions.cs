using Trinity.Contracts;

namespace Trinity.Tests.Engine.Core;

internal static class EngineTestExtensions
{
    /// <summary>Runs a generation to the end and returns its tokens, text and finish reason.</summary>
    public static async Task<(int[] Tokens, string Text, FinishReason? Finish)> CollectAsync(this IAsyncEnumerable<GenerationOutput> outputs, CancellationToken cancellationToken = default)
    {
        var tokens = new List<int>();
        var text = new System.Text.StringBuilder();
        FinishReason? finish = null;
        await foreach (var output in outputs.WithCancellation(cancellationToken))
        {
            tokens.AddRange(output.Tokens);
            text.Append(output.Text);
            finish = output.FinishReason ?? finish;
        }

        return ([.. tokens], text.ToString(), finish);
    }

    public static GenerationRequest Request(int[] prompt, int maxTokens, SamplingParams? sampling = null, string id = "test") => new()
    {
        RequestId = id,
        PromptTokens = prompt,
        MaxTokens = maxTokens,
        Sampling = sampling ?? SamplingParams.Greedy,
        IgnoreEos = true,
    };
}
