using Microsoft.ML.OnnxRuntimeGenAI;
using Trinity.Contracts;

namespace Trinity.Engine.Model.Reference;

/// <summary>
/// ONNX Runtime GenAI's own generation loop on the same model folder: the reference Trinity's engine must
/// match token for token under greedy decoding, and the peer in the engine benchmark.
/// </summary>
internal sealed class GenAiReference : IDisposable
{
    private readonly Microsoft.ML.OnnxRuntimeGenAI.Model _model;
    private readonly Tokenizer _tokenizer;

    public GenAiReference(string modelDirectory)
    {
        try
        {
            _model = new Microsoft.ML.OnnxRuntimeGenAI.Model(modelDirectory);
            _tokenizer = new Tokenizer(_model);
        }
        catch (OnnxRuntimeGenAIException ex)
        {
            throw new ModelFormatException($"ONNX Runtime GenAI cannot load '{modelDirectory}': {ex.Message.Split('\n')[0]}", ex);
        }
    }

    /// <summary>GenAI's tokenizer on the same files.</summary>
    public int[] Encode(string text)
    {
        using var sequences = _tokenizer.Encode(text);
        return sequences[0].ToArray();
    }

    public string Decode(int[] tokens) => _tokenizer.Decode(tokens);

    /// <summary>Generates up to <paramref name="maxTokens"/> tokens after <paramref name="prompt"/>; calls
    /// <paramref name="onToken"/> after each (e.g. to time the first one). With <paramref name="streamText"/> each token is
    /// also turned into text through GenAI's <c>TokenizerStream</c>, the work a streaming server does per token.</summary>
    public int[] Generate(IReadOnlyList<int> prompt, int maxTokens, SamplingParams sampling, bool ignoreEos = false, Action<int>? onToken = null, bool streamText = false)
    {
        using var textStream = streamText ? _tokenizer.CreateStream() : null;
        using var parameters = new GeneratorParams(_model);
        parameters.SetSearchOption("max_length", prompt.Count + maxTokens);
        parameters.SetSearchOption("do_sample", sampling.Temperature > 0f);
        parameters.SetSearchOption("repetition_penalty", sampling.RepetitionPenalty);
        if (ignoreEos)
        {
            // GenAI suppresses end-of-sequence tokens until min_length, the way to force a fixed length.
            parameters.SetSearchOption("min_length", prompt.Count + maxTokens);
        }
        if (sampling.Temperature > 0f)
        {
            parameters.SetSearchOption("temperature", sampling.Temperature);
            parameters.SetSearchOption("top_p", sampling.TopP);
            parameters.SetSearchOption("top_k", sampling.TopK);
            if (sampling.Seed is { } seed)
            {
                parameters.SetSearchOption("random_seed", (int)(seed & int.MaxValue));
            }
        }

        using var generator = new Generator(_model, parameters);
        generator.AppendTokens([.. prompt]);
        var output = new List<int>(maxTokens);
        var length = prompt.Count;
        while (!generator.IsDone() && output.Count < maxTokens)
        {
            generator.GenerateNextToken();
            var sequence = generator.GetSequence(0);
            if (sequence.Length == length)
            {
                // GenAI ends on an end-of-sequence token without appending it: the sequence did not grow, and its last
                // element is the previous token, not a new one.
                break;
            }

            length = sequence.Length;
            var token = sequence[^1];
            output.Add(token);
            if (textStream is not null)
            {
                _ = textStream.Decode(token);
            }

            onToken?.Invoke(token);
        }

        return [.. output];
    }

    /// <summary>GenAI's own batched generation: one generator over <paramref name="prompts"/> (all of one length, so no
    /// padding), greedy, exactly <paramref name="maxTokens"/> tokens each. Calls <paramref name="onStep"/> after every step
    /// with the tokens generated per sequence so far. Returns each sequence's generated tokens.</summary>
    public int[][] GenerateBatch(IReadOnlyList<int[]> prompts, int maxTokens, Action<int>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var length = prompts[0].Length;
        if (prompts.Any(p => p.Length != length))
        {
            throw new ArgumentException("batched prompts must have one length", nameof(prompts));
        }

        using var parameters = new GeneratorParams(_model);
        parameters.SetSearchOption("batch_size", prompts.Count);
        parameters.SetSearchOption("max_length", length + maxTokens);
        parameters.SetSearchOption("min_length", length + maxTokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(_model, parameters);
        generator.AppendTokens([.. prompts.SelectMany(p => p)]);
        var steps = 0;
        while (!generator.IsDone() && steps < maxTokens)
        {
            generator.GenerateNextToken();
            onStep?.Invoke(++steps);
        }

        return [.. Enumerable.Range(0, prompts.Count).Select(i => generator.GetSequence((ulong)i)[length..].ToArray())];
    }

    public void Dispose()
    {
        _tokenizer.Dispose();
        _model.Dispose();
    }
}
