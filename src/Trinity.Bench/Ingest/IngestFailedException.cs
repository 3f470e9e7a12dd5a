namespace Trinity.Bench.Ingest;

/// <summary>An ingest the server refused or could not finish; the message is the one line the command prints.</summary>
internal sealed class IngestFailedException(string message) : Exception(message);
