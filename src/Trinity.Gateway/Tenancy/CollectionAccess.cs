namespace Trinity.Gateway.Tenancy;

/// <summary>What a caller does to a collection: reading (get, search, retrieval) is allowed on shared collections,
/// writing (create, upsert, delete, ingestion) only on the tenant's own.</summary>
internal enum CollectionAccess
{
    Read,
    Write,
}
