namespace Trinity.Engine.Model.BuiltIn;

/// <summary>How the linear layers' weights are stored.</summary>
internal enum WeightPrecision
{
    /// <summary>float32 <c>MatMul</c> weights.</summary>
    Fp32,

    /// <summary>4-bit block-quantized <c>MatMulNBits</c> weights (block 32, one float scale per block), as the model
    /// builder's default int4 quantizer writes them.</summary>
    Int4,
}
