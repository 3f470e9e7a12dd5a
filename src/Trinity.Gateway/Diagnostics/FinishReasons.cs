using Trinity.Contracts;

namespace Trinity.Gateway.Diagnostics;

/// <summary>Engine finish reasons as OpenAI names them.</summary>
internal static class FinishReasons
{
    public static string ToWire(FinishReason reason) => reason switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        FinishReason.Cancelled => "cancelled",
        _ => "error",
    };
}
