namespace Trinity.Bench.Load.OpenLoop;

/// <summary>One arrival of an open-loop run: when it is sent (seconds from the start), which kind of the workload and
/// which of that kind's prompts.</summary>
internal readonly record struct PlannedRequest(int Index, double AtSeconds, int Kind, int Prompt);
