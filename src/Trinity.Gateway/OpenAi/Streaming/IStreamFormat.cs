using Trinity.Gateway.OpenAi.Protocol;
using Trinity.Gateway.Pipeline;

namespace Trinity.Gateway.OpenAi.Streaming;

/// <summary>How one endpoint turns engine outputs into stream chunks (chat chunks or text-completion chunks).</summary>
internal interface IStreamFormat
{
    /// <summary>Accounts for the output and writes its chunk(s), if it carries text or a finish reason.</summary>
    void Write(SseWriter writer, in SequenceEvent item);

    /// <summary>Writes what comes after the last choice finished (the usage chunk), before <c>[DONE]</c>.</summary>
    void WriteEnd(SseWriter writer, TrinityTimings timings);
}
