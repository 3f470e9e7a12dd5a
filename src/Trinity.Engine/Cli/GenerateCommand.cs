using System.CommandLine;
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
    public static Command Create()
    {
        var model = CliOptions.String("--model", "Model folder (ONNX Runtime GenAI's layout)");
        var prompt = CliOptions.String("--prompt", "Prompt text");
        var maxTokens = CliOptions.Int("--max-tokens", "Tokens to generate (default 32)", 1, 1 << 20);
        var backend = CliOptions.Choice("--backend", "Generation loop (default trinity)", "trinity", "genai");
        var temperature = CliOptions.Float("--temperature", "Sampling temperature", 0f, 2f);
        var topP = CliOptions.Float("--top-p", "Nucleus sampling mass", float.Epsilon, 1f);
        var topK = CliOptions.Int("--top-k", "Top-k sampling", 0, int.MaxValue);
        var seed = CliOptions.ULong("--seed", "Sampling seed");
        var chat = CliOptions.Flag("--chat", "Apply the model's chat template");
        var json = CliOptions.Flag("--json", "Print exactly one object {\"tokens\":[...],\"text\":\"...\"}");
        var command = new Command("generate", "Generate text with Trinity's engine or ONNX Runtime GenAI's own loop")
        {
            model, prompt, maxTokens, backend, temperature, topP, topK, seed, chat, json,
        };
        CliOptions.Require(command, model);
        CliOptions.Require(command, prompt);
        command.SetAction((result, _) => RunAsync(
            result.GetValue(model)!,
            result.GetValue(prompt)!,
            result.GetValue(maxTokens) ?? 32,
            result.GetValue(backend) ?? "trinity",
            (result.GetValue(temperature), result.GetValue(topP), result.GetValue(topK), result.GetValue(seed)),
            result.GetValue(chat),
            result.GetValue(json)));
        return command;
    }

    private static async Task<int> RunAsync(string modelDir, string prompt, int maxTokens, string backend,
        (float? Temperature, float? TopP, int? TopK, ulong? Seed) sampled, bool chat, bool json)
    {
        var model = ModelFolder.Open(modelDir);
        var sampling = model.Config.Search.ToSampling(sampled.Temperature, sampled.TopP, sampled.TopK, sampled.Seed);
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
