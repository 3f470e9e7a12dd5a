using System.Text.Json;
using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.Model;
using Trinity.Engine.Model.Reference;
using Trinity.Tokenization;

namespace Trinity.Engine.Cli;

/// <summary><c>generate --model DIR --prompt TEXT --max-tokens N [--backend trinity|genai] [sampling] [--chat] [--json]</c>.</summary>
internal static class GenerateCommand
{
    public static async Task<int> RunAsync(CliArguments args)
    {
        var modelDir = args.RequiredString("model");
        var prompt = args.RequiredString("prompt");
        var maxTokens = args.Int("max-tokens", 1, 1 << 20) ?? 32;
        var backend = args.String("backend") ?? "trinity";
        var temperature = args.Float("temperature", 0f, 2f);
        var topP = args.Float("top-p", float.Epsilon, 1f);
        var topK = args.Int("top-k", 0, int.MaxValue);
        var seed = args.ULong("seed");
        var chat = args.Flag("chat");
        var json = args.Flag("json");
        args.RejectUnknown();
        if (backend is not ("trinity" or "genai"))
        {
            throw new CliUsageException($"--backend must be trinity or genai, got '{backend}'");
        }

        var model = ModelFolder.Open(modelDir);
        var sampling = model.Config.Search.ToSampling(temperature, topP, topK, seed);
        var text = chat ? model.ChatTemplate.Render([new ChatMessage("user", prompt)]) : prompt;
        int[] tokens;
        string output;
        if (backend == "genai")
        {
            using var reference = new GenAiReference(model.Directory);
            var promptTokens = reference.Encode(text);
            Validate(promptTokens, maxTokens, sampling, model);
            tokens = reference.Generate(promptTokens, maxTokens, sampling);
            output = model.Tokenizer.Decode(tokens, skipSpecialTokens: true);
            if (!json)
            {
                Console.WriteLine(output);
            }
        }
        else
        {
            var promptTokens = model.Tokenizer.Encode(text);
            var request = new GenerationRequest { RequestId = "cli", PromptTokens = promptTokens, MaxTokens = maxTokens, Sampling = sampling };
            Validate(promptTokens, maxTokens, sampling, model);
            using var engine = new InProcessEngine(model, new EngineOptions());
            var all = new List<int>();
            var builder = new System.Text.StringBuilder();
            await foreach (var piece in engine.GenerateAsync(request, CancellationToken.None).ConfigureAwait(false))
            {
                all.AddRange(piece.Tokens);
                builder.Append(piece.Text);
                if (!json)
                {
                    Console.Write(piece.Text);
                }

                if (piece.FinishReason == FinishReason.Error)
                {
                    throw new InvalidOperationException("the engine failed while generating");
                }
            }

            if (!json)
            {
                Console.WriteLine();
            }

            tokens = [.. all];
            output = builder.ToString();
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { tokens, text = output }));
        }

        return 0;
    }

    private static void Validate(int[] prompt, int maxTokens, SamplingParams sampling, ModelFolder model)
    {
        var request = new GenerationRequest { RequestId = "cli", PromptTokens = prompt, MaxTokens = maxTokens, Sampling = sampling };
        try
        {
            GenerationRequestValidator.Validate(request, model.Config.VocabSize, model.Config.ContextLength);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }
}
