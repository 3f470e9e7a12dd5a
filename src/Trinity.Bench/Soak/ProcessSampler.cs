using System.Globalization;

namespace Trinity.Bench.Soak;

/// <summary>Reads a process's resident memory and threads from <c>/proc/PID/status</c>, its open handles from
/// <c>/proc/PID/fd</c> and its managed heap from the gateway's <c>trinity_process_gc_heap_bytes</c> gauge.</summary>
internal sealed class ProcessSampler(int pid, HttpClient http, Uri metrics)
{
    public async Task<ProcessSample> SampleAsync(double elapsedS, long requests, CancellationToken cancellationToken)
    {
        long rss = 0;
        var threads = 0;
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/status", cancellationToken).ConfigureAwait(false))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var handles = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
        return new ProcessSample(elapsedS, rss, await GcHeapAsync(cancellationToken).ConfigureAwait(false), threads, handles, requests);
    }

    private async Task<long> GcHeapAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await http.GetStringAsync(metrics, cancellationToken).ConfigureAwait(false);
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("trinity_process_gc_heap_bytes", StringComparison.Ordinal) && line.Split(' ') is [_, var value, ..])
                {
                    return (long)double.Parse(value, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (HttpRequestException)
        {
            // A busy gateway may refuse a scrape; the sample keeps its other values.
        }

        return -1;
    }
}
