using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace Trinity.Engine.Model;

/// <summary>
/// Chooses the execution provider of the engine's ONNX Runtime sessions: CUDA when the runtime has it (the
/// <c>-p:TrinityGpu=true</c> build, docs/GPU.md) and a GPU answers, else CPU. A GPU build that cannot start CUDA
/// (no GPU, no CUDA or cuDNN libraries) falls back to CPU and says so once. The environment variable
/// <c>TRINITY_EXECUTION_PROVIDER</c> = <c>cpu</c> forces CPU, <c>cuda</c> makes a failure to start CUDA an error.
/// </summary>
internal static partial class ExecutionProviders
{
    public const string EnvironmentVariable = "TRINITY_EXECUTION_PROVIDER";

    private const string CudaProvider = "CUDAExecutionProvider";

    private static ILogger s_logger = NullLogger.Instance;
    private static int s_fallbackLogged;

    /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda</c>; the environment variable's value unless a caller (the bench) sets it.</summary>
    public static string Preference { get; set; } = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() ?? "auto";

    /// <summary>The provider the last session got: <c>cuda</c> or <c>cpu</c>.</summary>
    public static string Last { get; private set; } = "cpu";

    /// <summary>Where the fallback line goes (the engine's log); sessions opened before this is set log nowhere.</summary>
    public static void UseLogger(ILogger? logger)
    {
        if (logger is not null)
        {
            s_logger = logger;
        }
    }

    /// <summary>Appends CUDA to <paramref name="options"/> when preferred and possible; CPU is ONNX Runtime's implicit last provider.</summary>
    public static void AppendPreferred(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Last = "cpu";
        if (Preference == "cpu" || !OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
        {
            if (Preference == "cuda")
            {
                throw new InvalidOperationException($"{EnvironmentVariable}=cuda but this ONNX Runtime has no CUDA execution provider (build with -p:TrinityGpu=true)");
            }

            return;
        }

        try
        {
            options.AppendExecutionProvider_CUDA(0);
            Last = "cuda";
        }
        catch (OnnxRuntimeException exception) when (Preference != "cuda")
        {
            if (Interlocked.Exchange(ref s_fallbackLogged, 1) == 0)
            {
                CudaUnavailable(s_logger, exception.Message.Split('\n')[0]);
            }
        }
    }

    [LoggerMessage(1101, LogLevel.Warning, "CUDA execution provider unavailable ({Reason}); the engine runs on the CPU")]
    private static partial void CudaUnavailable(ILogger logger, string reason);
}
