using Trinity.VectorGpu.Client;

namespace Trinity.VectorGpu.Http;

/// <summary><c>GET /v1/collections</c>: <c>{"object": "list", "data": [...]}</c>.</summary>
internal sealed record CollectionListResponse(IReadOnlyList<CollectionInfo> Data)
{
    public string Object => "list";
}
