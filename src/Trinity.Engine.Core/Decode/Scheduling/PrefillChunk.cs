namespace Trinity.Engine.Decode.Scheduling;

/// <summary><paramref name="Tokens"/> tokens of a sequence's feed to run this step.</summary>
internal readonly record struct PrefillChunk<T>(T Sequence, int Tokens);
