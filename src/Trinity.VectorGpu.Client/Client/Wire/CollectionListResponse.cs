using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Client.Wire;

/// <summary><c>GET /v1/collections</c>: <c>{"object": "list", "data": [...]}</c>.</summary>
public sealed record CollectionListResponse(IReadOnlyList<CollectionInfo> Data)
{
    public string Object => "list";
}
