using System.Runtime.InteropServices;

namespace Trinity.VectorGpu.Devices.Ilgpu;

/// <summary>
/// The one CUDA driver call ILGPU does not expose publicly: a stream with a priority. The stream is handed to
/// ILGPU at once (<c>CreateStream(ptr, responsible: true)</c>), which then owns and destroys it.
/// </summary>
internal static partial class CudaStreamPriority
{
    /// <summary><c>CU_STREAM_NON_BLOCKING</c>: no implicit synchronisation with the legacy default stream.</summary>
    public const uint NonBlocking = 1;

    /// <summary>Creates a stream in the calling thread's current context; returns the CUDA status (0 = success).</summary>
    public static int Create(out nint stream, uint flags, int priority) => CreateWithPriority(out stream, flags, priority);

    [LibraryImport("libcuda.so.1", EntryPoint = "cuStreamCreateWithPriority")]
    private static partial int CreateWithPriority(out nint stream, uint flags, int priority);
}
