using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Trinity.Tokenization;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Engine.Model.Embeddings;

/// <summary>
/// Sentence embeddings from an encoder folder (<c>model.onnx</c> + <c>tokenizer.json</c>, as exported for
/// sentence-transformers models): token states averaged over the attention mask, then L2-normalised. A graph
/// whose first output is already pooled (<c>[batch, hidden]</c>) is only normalised. Inputs are <c>input_ids</c>
/// and <c>attention_mask</c> (int64), plus zero <c>token_type_ids</c> when the graph has them. Thread-safe: ONNX
/// Runtime sessions may run concurrently.
/// </summary>
public sealed class OnnxTextEmbedder : ITextEmbedder, ITokenIdEmbedder, IDisposable
{
    private const int DefaultMaxTokens = 512;

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly ITokenizer _tokenizer;
    private readonly string _outputName;
    private readonly bool _pooledOutput;
    private readonly bool _hasTokenTypes;

    /// <summary>Opens the encoder in <paramref name="directory"/>; <paramref name="name"/> defaults to the folder name.</summary>
    public OnnxTextEmbedder(string directory, string? name = null, int intraOpThreads = 0)
    {
        var full = Path.GetFullPath(directory);
        var modelPath = Path.Combine(full, "model.onnx");
        if (!File.Exists(modelPath) || !File.Exists(Path.Combine(full, "tokenizer.json")))
        {
            throw new ModelFormatException($"embedding folder '{full}' needs model.onnx and tokenizer.json");
        }

        _tokenizer = BpeTokenizer.FromFile(Path.Combine(full, "tokenizer.json"));
        _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        if (intraOpThreads > 0)
        {
            _options.IntraOpNumThreads = intraOpThreads;
        }

        try
        {
            _session = new InferenceSession(modelPath, _options);
        }
        catch (OnnxRuntimeException ex)
        {
            _options.Dispose();
            throw new ModelFormatException($"cannot load {modelPath}: {ex.Message.Split('\n')[0]}", ex);
        }

        var inputs = _session.InputMetadata;
        if (!inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask"))
        {
            Dispose();
            throw new ModelFormatException($"{modelPath} must have inputs input_ids and attention_mask");
        }

        _hasTokenTypes = inputs.ContainsKey("token_type_ids");
        var output = _session.OutputMetadata.First();
        _outputName = output.Key;
        var dims = output.Value.Dimensions;
        _pooledOutput = dims.Length == 2;
        Name = name ?? Path.GetFileName(full);
        MaxTokens = ReadMaxTokens(full);
        Dimension = dims[^1] > 0 ? dims[^1] : Run([[0]])[0].Length;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Longest input in tokens; longer inputs are truncated (<c>model_max_length</c> of tokenizer_config.json).</summary>
    public int MaxTokens { get; }

    /// <inheritdoc />
    public int VocabSize => _tokenizer.VocabSize;

    /// <inheritdoc />
    public int Embed(string text, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmbedTokens(_tokenizer.Encode(text), destination);
    }

    /// <inheritdoc />
    public int EmbedTokens(ReadOnlySpan<int> ids, Span<float> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"destination has {destination.Length} floats, expected {Dimension}", nameof(destination));
        }

        var used = ids[..Math.Min(ids.Length, MaxTokens)].ToArray();
        Run([used])[0].CopyTo(destination);
        return used.Length;
    }

    /// <summary>Embeds several texts in one forward pass (padded to the longest; padding is masked out).</summary>
    public float[][] EmbedBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Run([.. texts.Select(t => _tokenizer.Encode(t)).Select(ids => ids[..Math.Min(ids.Length, MaxTokens)])]);
    }

    public void Dispose()
    {
        _session?.Dispose();
        _options.Dispose();
    }

    private float[][] Run(int[][] sequences)
    {
        var batch = sequences.Length;
        var length = Math.Max(1, sequences.Max(s => s.Length));
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < sequences[b].Length; t++)
            {
                ids[(b * length) + t] = sequences[b][t];
                mask[(b * length) + t] = 1;
            }
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _hasTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[batch * length], shape) : null;
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { idsValue, maskValue };
        if (typesValue is not null)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_outputName]);
        var states = outputs[0].GetTensorDataAsSpan<float>();
        var outShape = outputs[0].GetTensorTypeAndShape().Shape;
        var hidden = (int)outShape[^1];
        var result = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            var vector = new float[hidden];
            if (_pooledOutput)
            {
                states.Slice(b * hidden, hidden).CopyTo(vector);
            }
            else
            {
                // Mean over the positions the attention mask keeps: padding must not dilute short inputs.
                var count = Math.Max(1, sequences[b].Length);
                for (var t = 0; t < sequences[b].Length; t++)
                {
                    TensorPrimitives.Add(vector, states.Slice(((b * length) + t) * hidden, hidden), vector);
                }

                TensorPrimitives.Divide(vector, count, vector);
            }

            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            result[b] = vector;
        }

        return result;
    }

    private static int ReadMaxTokens(string directory)
    {
        var path = Path.Combine(directory, "tokenizer_config.json");
        if (!File.Exists(path))
        {
            return DefaultMaxTokens;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("model_max_length", out var max) && max.TryGetInt64(out var value) && value is > 0 and < 1_000_000
            ? (int)value
            : DefaultMaxTokens;
    }
}
