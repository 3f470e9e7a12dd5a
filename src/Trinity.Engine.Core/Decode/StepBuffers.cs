using Microsoft.ML.OnnxRuntime;

namespace Trinity.Engine.Decode;

/// <summary>
/// Reusable host buffers for a forward pass's integer inputs (ids, attention mask, positions). OrtValues
/// are thin views over them, created per step, so a step allocates no managed arrays once warmed up.
/// </summary>
internal sealed class StepBuffers
{
    private long[] _ids = new long[64];
    private long[] _mask = new long[1024];
    private long[] _positions = new long[64];

    public Span<long> Ids(int count) => Grow(ref _ids, count).AsSpan(0, count);

    public Span<long> Mask(int count) => Grow(ref _mask, count).AsSpan(0, count);

    public Span<long> Positions(int count) => Grow(ref _positions, count).AsSpan(0, count);

    /// <summary>A view of the ids buffer; the caller owns (disposes) it.</summary>
    public OrtValue IdsValue(int batch, int length) => View(_ids, batch, length);

    public OrtValue MaskValue(int batch, int length) => View(_mask, batch, length);

    public OrtValue PositionsValue(int batch, int length) => View(_positions, batch, length);

    private static OrtValue View(long[] buffer, int batch, int length) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<long>(buffer), [batch, length]);

    private static long[] Grow(ref long[] buffer, int count)
    {
        if (buffer.Length < count)
        {
            buffer = new long[Math.Max(count, buffer.Length * 2)];
        }

        return buffer;
    }
}
