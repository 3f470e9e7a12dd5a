using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Trinity.Tests.Engine.Core.Model.BuiltIn;

/// <summary>
/// What ONNX Runtime's GroupQueryAttention does with the builder layout's inputs, run on the raw session: the contract
/// a decode batch over this layout has to meet (rows right-padded, shared past/present buffers, chunked prefill).
/// </summary>
public sealed class GroupQueryAttentionContractTests
{
    private const string Variant = "builder-fp32-llama";
    private static readonly long[] A = [5, 6, 7, 8, 9, 10];
    private static readonly long[] B = [11, 12, 13];

    [Fact]
    public void Run_RightPaddedBatch_EveryRowEqualsItsRunAlone()
    {
        using var session = Open(out var shape);
        var (promptA, stepA) = Alone(session, shape, A);
        var (promptB, stepB) = Alone(session, shape, B);

        // First prompt of two rows, B right-padded: mask width = S, row sums = row lengths.
        var (logits, kv) = Run(session, shape, [.. A, .. B, 0, 0, 0], 2, 6, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], Empty(shape, 2));
        AssertClose(promptA, Row(logits, shape, 0, 5, 6));
        AssertClose(promptB, Row(logits, shape, 1, 2, 6));

        // One decode step: each row's new K/V goes to index Σmask − 1 of its row; present is [2, G, 7, D].
        var (step, _) = Run(session, shape, [20, 20], 2, 1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], kv);
        AssertClose(stepA, Row(step, shape, 0, 0, 1));
        AssertClose(stepB, Row(step, shape, 1, 0, 1));

        // Only the mask's row sums reach GQA (seqlens_k): zeros on the left give the same result.
        var (same, _) = Run(session, shape, [20, 20], 2, 1, [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1], kv);
        AssertClose(stepB, Row(same, shape, 1, 0, 1));
    }

    [Fact]
    public void Run_LeftPaddedRow_DiffersFromItsRunAlone()
    {
        // GQA reads a row's first Σmask positions and numbers positions from 0: a left-padded row is wrong, silently.
        using var session = Open(out var shape);
        var (promptB, _) = Alone(session, shape, B);
        var (logits, _) = Run(session, shape, [0, 0, 0, .. B], 1, 6, [0, 0, 0, 1, 1, 1], Empty(shape, 1));
        Assert.True(MaxAbsDiff(promptB, Row(logits, shape, 0, 5, 6)) > 0.01f);
    }

    [Fact]
    public void Run_SeveralTokensPerRowWithPastInABatch_IsRejected()
    {
        using var session = Open(out var shape);
        var (_, kv) = Run(session, shape, [.. A, .. A], 2, 6, Enumerable.Repeat(1L, 12).ToArray(), Empty(shape, 2));
        var error = Assert.Throws<OnnxRuntimeException>(() => Run(session, shape, [20, 21, 20, 21], 2, 2, Enumerable.Repeat(1L, 16).ToArray(), kv));
        Assert.Contains("batch_size must be 1 when sequence_length > 1 and past context is given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SharedPastPresentBuffer_EqualsSeparateBuffersAlsoChunked()
    {
        using var session = Open(out var shape);
        var (promptA, stepA) = Alone(session, shape, A);

        // One [1, G, 16, D] tensor per layer bound as both past and present; the mask stays as wide as the tokens so far.
        var shared = Enumerable.Range(0, 2 * shape.Layers).Select(_ => Zeros(shape, 1, 16)).ToArray();
        AssertClose(promptA, RunShared(session, shape, A, 6, shared)[^shape.Vocab..]);
        AssertClose(stepA, RunShared(session, shape, [20], 7, shared));

        // Chunked prefill into the shared buffer: 4 tokens, then 2 (GQA's "subsequent prompt", batch 1), then decode.
        foreach (var value in shared)
        {
            value.GetTensorMutableDataAsSpan<float>().Clear();
        }

        RunShared(session, shape, A[..4], 4, shared);
        AssertClose(promptA, RunShared(session, shape, A[4..], 6, shared)[^shape.Vocab..]);
        AssertClose(stepA, RunShared(session, shape, [20], 7, shared));
    }

    private static InferenceSession Open(out Shape shape)
    {
        var model = LayoutModels.Get(Variant);
        shape = new Shape(model.Config.NumLayers, model.Config.NumKvHeads, model.Config.HeadSize, model.Config.VocabSize);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        return new InferenceSession(Path.Combine(model.Directory, "model.onnx"), options);
    }

    /// <summary>The row alone: last prompt logits, then the logits of one decode step with token 20.</summary>
    private static (float[] Prompt, float[] Step) Alone(InferenceSession session, Shape shape, long[] prompt)
    {
        var (first, kv) = Run(session, shape, prompt, 1, prompt.Length, Enumerable.Repeat(1L, prompt.Length).ToArray(), Empty(shape, 1));
        var (next, _) = Run(session, shape, [20], 1, 1, Enumerable.Repeat(1L, prompt.Length + 1).ToArray(), kv);
        return (Row(first, shape, 0, prompt.Length - 1, prompt.Length), Row(next, shape, 0, 0, 1));
    }

    private static (OrtValue Logits, OrtValue[] Present) Run(InferenceSession session, Shape shape, long[] ids, int batch, int length, long[] mask, OrtValue[] past)
    {
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(ids, [batch, length]),
            OrtValue.CreateTensorValueFromMemory(mask, [batch, mask.Length / batch]),
        };
        var outputs = new List<string> { "logits" };
        for (var l = 0; l < shape.Layers; l++)
        {
            names.AddRange([$"past_key_values.{l}.key", $"past_key_values.{l}.value"]);
            values.AddRange([past[2 * l], past[(2 * l) + 1]]);
            outputs.AddRange([$"present.{l}.key", $"present.{l}.value"]);
        }

        using var runOptions = new RunOptions();
        var results = session.Run(runOptions, names, values, outputs);
        values[0].Dispose();
        values[1].Dispose();
        return (results[0], results.Skip(1).ToArray());
    }

    /// <summary>One step with past and present bound to the same tensors; returns the logits.</summary>
    private static float[] RunShared(InferenceSession session, Shape shape, long[] ids, int total, OrtValue[] shared)
    {
        using var binding = session.CreateIoBinding();
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, total).ToArray(), [1, total]);
        binding.BindInput("input_ids", idsValue);
        binding.BindInput("attention_mask", maskValue);
        binding.BindOutputToDevice("logits", OrtMemoryInfo.DefaultInstance);
        for (var l = 0; l < shape.Layers; l++)
        {
            binding.BindInput($"past_key_values.{l}.key", shared[2 * l]);
            binding.BindInput($"past_key_values.{l}.value", shared[(2 * l) + 1]);
            binding.BindOutput($"present.{l}.key", shared[2 * l]);
            binding.BindOutput($"present.{l}.value", shared[(2 * l) + 1]);
        }

        using var runOptions = new RunOptions();
        session.RunWithBinding(runOptions, binding);
        using var outputs = binding.GetOutputValues();
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static OrtValue[] Empty(Shape shape, int batch) => Enumerable.Range(0, 2 * shape.Layers).Select(_ => Zeros(shape, batch, 0)).ToArray();

    private static OrtValue Zeros(Shape shape, int batch, int length)
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [batch, shape.KvHeads, length, shape.HeadSize]);
        value.GetTensorMutableDataAsSpan<float>().Clear();
        return value;
    }

    private static float[] Row(OrtValue logits, Shape shape, int row, int position, int length) =>
        logits.GetTensorDataAsSpan<float>().Slice(((row * length) + position) * shape.Vocab, shape.Vocab).ToArray();

    /// <summary>Batching changes GEMM shapes, which may change rounding on some CPUs: equal within 1e-4.</summary>
    private static void AssertClose(float[] expected, float[] actual) =>
        Assert.True(MaxAbsDiff(expected, actual) < 1e-4f, $"logits differ by {MaxAbsDiff(expected, actual)}");

    private static float MaxAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();

    private readonly record struct Shape(int Layers, int KvHeads, int HeadSize, int Vocab);
}
