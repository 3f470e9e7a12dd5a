namespace Trinity.Bench.Ingest;

/// <summary>A file to ingest: id = path relative to the folder (with '/'), title = first Markdown heading or file name.</summary>
internal sealed record SourceDocument(string Id, string Text, string Title);
