namespace Trinity.Bench.Ingest;

/// <summary>Reads the folder's files batch by batch (never all at once) and sends each batch; <c>progress</c> is
/// called with (files handled, totals) as batches and jobs advance.</summary>
internal sealed class FolderIngestion(IngestApiClient client, IngestOptions options, IReadOnlyList<string> files)
{
    public async Task<IngestTotals> RunAsync(Action<int, IngestTotals> progress, CancellationToken cancellationToken)
    {
        var totals = new IngestTotals { Files = files.Count };
        var batch = new List<SourceDocument>();
        var chars = 0L;
        foreach (var path in files)
        {
            var document = await DocumentFolder.ReadAsync(options.Directory, path, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                totals.Skipped++;
                continue;
            }

            if (batch.Count > 0 && chars + document.Text.Length > options.BatchChars)
            {
                await SendAsync(batch, totals, progress, cancellationToken).ConfigureAwait(false);
                chars = 0;
            }

            batch.Add(document);
            chars += document.Text.Length;
            if (batch.Count >= options.Batch)
            {
                await SendAsync(batch, totals, progress, cancellationToken).ConfigureAwait(false);
                chars = 0;
            }
        }

        if (batch.Count > 0)
        {
            await SendAsync(batch, totals, progress, cancellationToken).ConfigureAwait(false);
        }

        progress(totals.Handled, totals);
        return totals;
    }

    private async Task SendAsync(List<SourceDocument> batch, IngestTotals totals, Action<int, IngestTotals> progress, CancellationToken cancellationToken)
    {
        var outcome = await client.SendAsync(batch, done => progress(totals.Handled + done, totals), cancellationToken).ConfigureAwait(false);
        totals.Requests++;
        totals.Jobs += outcome.Jobs;
        totals.Documents += outcome.Documents;
        totals.ChunksWritten += outcome.ChunksWritten;
        totals.ChunksDeleted += outcome.ChunksDeleted;
        batch.Clear();
        progress(totals.Handled, totals);
    }
}
