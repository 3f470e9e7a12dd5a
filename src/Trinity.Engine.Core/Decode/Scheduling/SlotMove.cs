namespace Trinity.Engine.Decode.Scheduling;

/// <summary>A row moving from one slot to another to fill a hole; <paramref name="Positions"/> positions are copied.</summary>
internal readonly record struct SlotMove(int From, int To, int Positions);
