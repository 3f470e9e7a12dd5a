using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Trinity.Bench.Load;
using Trinity.Bench.Reports;

namespace Trinity.Bench.Ingest;

/// <summary>
/// <c>ingest --dir DOCS --collection NAME --url URL [--chunk-tokens N] [--overlap N] [--api-key KEY] [--batch N]
/// [--extensions md,txt] [--json OUT]</c>: ingests every text and Markdown file under a folder (recursively; ids are
/// relative paths, metadata <c>{path, title}</c> with the first Markdown heading as title) through
/// <c>POST /v1/collections/{name}/documents</c>, following the server's jobs, with a progress bar (plain lines when the
/// output is redirected). Exits 1 with a one-line error when the server is unreachable or refuses a batch.
/// </summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var options = IngestOptions.Parse(args);
        var files = DocumentFolder.Files(options.Directory, options.Extensions).ToList();
        using var http = StreamingChatClient.CreateHttpClient(options.ApiKey);
        var client = new IngestApiClient(http, options);
        var ingestion = new FolderIngestion(client, options, files);
        var clock = Stopwatch.StartNew();
        IngestTotals totals;
        long count;
        try
        {
            totals = Console.IsOutputRedirected
                ? await ingestion.RunAsync(PlainProgress(files.Count), CancellationToken.None).ConfigureAwait(false)
                : await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(context =>
                    {
                        var task = context.AddTask($"ingest into {options.Collection}", maxValue: Math.Max(1, files.Count));
                        return ingestion.RunAsync((handled, _) => task.Value = handled, CancellationToken.None);
                    }).ConfigureAwait(false);
            count = totals.Documents > 0 ? await client.CountAsync(CancellationToken.None).ConfigureAwait(false) : 0;
        }
        catch (IngestFailedException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (HttpRequestException exception)
        {
            await Console.Error.WriteLineAsync($"error: cannot reach {options.Url}: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (IOException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: {options.Url} did not answer within {http.Timeout.TotalSeconds:0} s").ConfigureAwait(false);
            return 1;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingested {totals.Documents} of {totals.Files} files ({totals.Skipped} without text skipped) into '{options.Collection}': "
            + $"{totals.ChunksWritten} chunks written, {totals.ChunksDeleted} stale removed, {totals.Requests} requests ({totals.Jobs} as jobs), "
            + $"{seconds:0.00} s; the collection holds {count} points"));
        var report = new BenchReport("ingest " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2)));
        report.Add(new JsonObject
        {
            ["collection"] = options.Collection,
            ["files"] = totals.Files,
            ["documents"] = totals.Documents,
            ["skipped"] = totals.Skipped,
            ["chunks_written"] = totals.ChunksWritten,
            ["chunks_deleted"] = totals.ChunksDeleted,
            ["requests"] = totals.Requests,
            ["jobs"] = totals.Jobs,
            ["collection_count"] = count,
            ["seconds"] = Math.Round(seconds, 3),
            ["documents_per_s"] = Math.Round(totals.Documents / Math.Max(seconds, 1e-9), 2),
            ["chunks_per_s"] = Math.Round(totals.ChunksWritten / Math.Max(seconds, 1e-9), 2),
        });
        report.Write(options.JsonPath);
        return 0;
    }

    /// <summary>One line per finished batch (a job's intermediate polls are not printed).</summary>
    private static Action<int, IngestTotals> PlainProgress(int files)
    {
        var printed = -1;
        return (handled, totals) =>
        {
            if (handled != printed && handled == totals.Handled)
            {
                printed = handled;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: {handled}/{files} files, {totals.ChunksWritten} chunks"));
            }
        };
    }
}
