namespace Trinity.Engine.Decode.Scheduling;

/// <summary>A sequence and the slot it enters or leaves.</summary>
internal readonly record struct SlotAssignment<T>(T Sequence, int Slot);
