namespace Trinity.VectorGpu.Scheduling;

/// <summary>A policy's admission answer: <paramref name="Count"/> oldest waiting queries join; else wake at <paramref name="WakeAt"/>.</summary>
internal readonly record struct AdmissionDecision(int Count, DateTimeOffset? WakeAt);
