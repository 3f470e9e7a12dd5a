using System.Diagnostics;
using Trinity.Contracts;
using Trinity.Gateway.Engines;
using Trinity.Tokenization;

namespace Trinity.Bench.Load;

/// <summary>The same requests as <see cref="StreamingChatClient"/>, given straight to the served model's engine
/// (prompt templated and tokenised before the clock starts): the baseline the gateway's overhead is measured on.</summary>
internal sealed class EngineDirectClient(IServedModel model, ServeOptions options)
{
    public async Task<RequestSample> SendAsync(int index)
    {
        var prompt = model.Tokenizer.Encode(model.ChatTemplate.Render([new ChatMessage("user", ServeOptions.Prompt(index))]));
        var request = new GenerationRequest
        {
            RequestId = $"bench-direct-{index}",
            PromptTokens = prompt,
            MaxTokens = options.MaxTokens,
            IgnoreEos = options.IgnoreEos,
            Sampling = SamplingParams.Greedy,
        };
        var clock = Stopwatch.StartNew();
        double ttft = double.NaN;
        var tokens = 0;
        await foreach (var output in model.Engine.GenerateAsync(request, CancellationToken.None).ConfigureAwait(false))
        {
            // Same definition as over HTTP: the gateway sends nothing for outputs whose text is held back.
            if (double.IsNaN(ttft) && output.Text.Length > 0)
            {
                ttft = clock.Elapsed.TotalMilliseconds;
            }

            tokens += output.Tokens.Length;
        }

        return new RequestSample(ttft, clock.Elapsed.TotalMilliseconds, tokens, null, double.IsNaN(ttft) ? "no text" : null);
    }
}
