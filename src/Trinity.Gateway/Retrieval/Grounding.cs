using Trinity.Contracts;
using Trinity.Tokenization;

namespace Trinity.Gateway.Retrieval;

/// <summary>A request after retrieval: the conversation to render (with context when any was found), in interval
/// mode what the decode engine searches while generating, and what retrieval did (null when nothing was planned).</summary>
internal sealed record Grounding(IReadOnlyList<ChatMessage> Messages, DecodeRetrieval? DuringDecode, RetrievalReport? Report);
