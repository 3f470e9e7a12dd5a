using Microsoft.Extensions.Logging;

namespace Trinity.VectorGpu.Diagnostics;

/// <summary>The pool's device-selection events (ids 4050–4059).</summary>
internal static partial class VectorPoolLog
{
    [LoggerMessage(4050, LogLevel.Information, "Vector pool device 'auto': no CUDA device found, using the CPU device")]
    public static partial void NoCudaDevice(ILogger logger);
}
