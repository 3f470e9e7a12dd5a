using System.Text.Json.Serialization;

namespace Trinity.Gateway.Retrieval.Ingestion;

/// <summary>Life cycle of an ingest job: <c>queued → running → succeeded | failed | cancelled</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IngestJobState>))]
public enum IngestJobState
{
    /// <summary>Waiting for the worker.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    /// <summary>Being written.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Every document written.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>Stopped by an error (see <c>error</c>); documents written before it stay.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Stopped by <c>DELETE</c> or by the server stopping; documents written before it stay.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
