namespace Trinity.Tests.Architecture;

/// <summary>The project graph of docs/ARCHITECTURE.md: which Trinity projects each project may reference. A project not
/// listed here is unknown and fails the test, so a new project has to take its place in the graph on purpose.</summary>
internal static class AllowedDependencies
{
    public static readonly IReadOnlyDictionary<string, string[]> Map = new Dictionary<string, string[]>
    {
        // Leaves: depend on nothing of Trinity's.
        ["Trinity.Common"] = [],
        ["Trinity.Contracts"] = [],
        ["Trinity.Tokenization"] = [],
        ["Trinity.Grammar"] = [],

        // The pool: its client contract, then the pool itself (the server half).
        ["Trinity.VectorGpu.Client"] = ["Trinity.Contracts", "Trinity.Common"],
        ["Trinity.VectorGpu"] = ["Trinity.VectorGpu.Client", "Trinity.Contracts", "Trinity.Common"],

        // The engine library sees the pool only through its client; its command line hosts the roles.
        ["Trinity.Engine.Core"] = ["Trinity.Contracts", "Trinity.Tokenization", "Trinity.Grammar", "Trinity.VectorGpu.Client", "Trinity.Common"],
        ["Trinity.Engine"] = ["Trinity.Engine.Core", "Trinity.VectorGpu", "Trinity.Contracts", "Trinity.Tokenization", "Trinity.Grammar", "Trinity.VectorGpu.Client", "Trinity.Common"],

        // The gateway: contracts, tokenization, the pool (client, and the pool itself for all-in-one) and the engine
        // library as an in-process host. Never an executable.
        ["Trinity.Gateway"] = ["Trinity.Contracts", "Trinity.Tokenization", "Trinity.Grammar", "Trinity.VectorGpu.Client", "Trinity.VectorGpu", "Trinity.Engine.Core", "Trinity.Common"],

        // The bench drives everything, and starts the gateway and engine executables as processes.
        ["Trinity.Bench"] = ["Trinity.Gateway", "Trinity.Engine", "Trinity.Engine.Core", "Trinity.VectorGpu", "Trinity.VectorGpu.Client", "Trinity.Contracts", "Trinity.Tokenization", "Trinity.Grammar", "Trinity.Common"],
    };
}
