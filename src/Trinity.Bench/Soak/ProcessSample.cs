namespace Trinity.Bench.Soak;

/// <summary>One look at the gateway process: resident memory, managed heap, threads, open handles, and how many
/// requests the soak had finished by then.</summary>
internal readonly record struct ProcessSample(double ElapsedS, long RssBytes, long GcHeapBytes, int Threads, int Handles, long Requests);
