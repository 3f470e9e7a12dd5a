using Microsoft.ML.OnnxRuntime;

namespace Trinity.Engine.Decode;

/// <summary>
/// The [B,1] token-id and position tensors of the decode batch, kept across steps while the batch size stays the
/// same: their pinned buffers are rewritten in place each step, so only the attention mask (whose length grows)
/// needs a new tensor per step.
/// </summary>
internal sealed class DecodeInputs : IDisposable
{
    private long[] _ids = [];
    private long[] _positions = [];
    private OrtValue? _idsValue;
    private OrtValue? _positionsValue;

    public Span<long> Ids => _ids;

    public Span<long> Positions => _positions;

    public OrtValue IdsValue => _idsValue!;

    public OrtValue PositionsValue => _positionsValue!;

    /// <summary>Makes the tensors [<paramref name="batch"/>, 1], recreating them only when the size changes.</summary>
    public void Resize(int batch)
    {
        if (_ids.Length == batch && _idsValue is not null)
        {
            return;
        }

        Dispose();
        _ids = new long[batch];
        _positions = new long[batch];
        _idsValue = OrtValue.CreateTensorValueFromMemory(_ids, [batch, 1]);
        _positionsValue = OrtValue.CreateTensorValueFromMemory(_positions, [batch, 1]);
    }

    public void Dispose()
    {
        _idsValue?.Dispose();
        _positionsValue?.Dispose();
        _idsValue = null;
        _positionsValue = null;
    }
}
