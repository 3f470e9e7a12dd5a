namespace Trinity.VectorGpu.Storage;

internal enum LogRecordKind : byte
{
    Upsert = 1,
    Delete = 2,
}
