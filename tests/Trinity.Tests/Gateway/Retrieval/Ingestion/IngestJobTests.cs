using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trinity.Gateway.Retrieval.Ingestion;
using static Trinity.Tests.Gateway.Retrieval.Ingestion.IngestionClient;

namespace Trinity.Tests.Gateway.Retrieval.Ingestion;

public sealed class IngestJobTests(IngestionGatewayFixture fixture) : IClassFixture<IngestionGatewayFixture>
{
    private readonly IngestionClient _client = fixture.Client;

    private CollectionLocks Locks => fixture.Host.App.Services.GetRequiredService<CollectionLocks>();

    [Fact]
    public async Task Ingest_MoreDocumentsThanSyncLimit_RunsAsJobThatSucceeds()
    {
        var collection = NewCollection("job");
        var documents = Enumerable.Range(0, 10).Select(i => Document($"doc-{i}", $"Document {i} is about subject {i}. " + IngestionTestData.Multibyte)).ToList();

        var reply = await _client.IngestAsync(collection, Body(documents, chunkTokens: 32, overlapTokens: 4));

        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        var accepted = reply.Body.GetProperty("job");
        var id = accepted.GetProperty("id").GetString()!;
        Assert.StartsWith("ingest-", id, StringComparison.Ordinal);
        Assert.Equal($"/v1/ingest/jobs/{id}", reply.Response.Headers.Location?.OriginalString);
        Assert.Equal("ingest.job", accepted.GetProperty("object").GetString());
        Assert.Equal(collection, accepted.GetProperty("collection").GetString());
        Assert.Contains(accepted.GetProperty("state").GetString(), new[] { "queued", "running", "succeeded" });
        Assert.Equal(10, accepted.GetProperty("documents_total").GetInt32());

        var job = await _client.WaitForJobAsync(id);

        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(10, job.GetProperty("documents_done").GetInt32());
        var written = job.GetProperty("chunks_written").GetInt64();
        Assert.True(written >= 20, $"{written} chunks");
        Assert.Equal(written, await _client.CountAsync(collection));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, job.GetProperty("error").ValueKind);
        Assert.InRange(job.GetProperty("finished_at").GetInt64(), job.GetProperty("created_at").GetInt64(), long.MaxValue);
        var perDocument = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _client.ChunksOfAsync(collection, $"doc-{i}")));
        Assert.Equal(written, perDocument.Sum(chunks => chunks.Count));
        var metrics = await fixture.Host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.True(Metric(metrics, "trinity_ingest_documents_total") >= 10);
        Assert.True(Metric(metrics, "trinity_ingest_chunks_total") >= written);
        Assert.True(Metric(metrics, "trinity_ingest_job_duration_seconds_count{state=\"succeeded\"}") >= 1);
    }

    [Fact]
    public async Task Ingest_MoreTextThanSyncLimit_RunsAsJob()
    {
        var collection = NewCollection("bigtext");
        var text = IngestionTestData.Documentation();
        Assert.True(text.Length > 20_000);

        var reply = await _client.IngestAsync(collection, Body([Document("docs", text[..Math.Min(text.Length, IngestionGatewayFixture.MaxDocumentChars)])]));

        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        var job = await _client.WaitForJobAsync(reply.Body.GetProperty("job").GetProperty("id").GetString()!);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(job.GetProperty("chunks_written").GetInt64(), await _client.CountAsync(collection));
    }

    [Fact]
    public async Task CancelJob_QueuedAndRunning_BothEndCancelledWithNothingWritten()
    {
        var collection = NewCollection("cancel");
        var documents = Enumerable.Range(0, 6).Select(i => Document($"d{i}", $"Text number {i}.")).ToList();
        string running, queued;
        using (await Locks.AcquireAsync(collection, CancellationToken.None))
        {
            // The worker's job waits for the collection's lock: it stays running, the next one stays queued.
            running = await SubmitAsync(collection, documents);
            await WaitForStateAsync(running, "running");
            queued = await SubmitAsync(collection, documents);

            var cancelQueued = await _client.DeleteAsync($"/v1/ingest/jobs/{queued}");
            var cancelRunning = await _client.DeleteAsync($"/v1/ingest/jobs/{running}");

            Assert.Equal(HttpStatusCode.OK, cancelQueued.Status);
            Assert.Equal("cancelled", cancelQueued.Body.GetProperty("state").GetString());
            Assert.Equal("cancelled", cancelQueued.Body.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, cancelQueued.Body.GetProperty("started_at").ValueKind);
            Assert.Equal(HttpStatusCode.OK, cancelRunning.Status);
            var job = await _client.WaitForJobAsync(running);
            Assert.Equal("cancelled", job.GetProperty("state").GetString());
            Assert.Equal(0, job.GetProperty("documents_done").GetInt32());
        }

        Assert.Equal("cancelled", (await _client.WaitForJobAsync(queued)).GetProperty("state").GetString());
        Assert.Equal(0, await _client.CountAsync(collection));
    }

    [Fact]
    public async Task Ingest_JobQueueFull_Answers429WithRetryAfter()
    {
        var collection = NewCollection("full");
        var documents = Enumerable.Range(0, 5).Select(i => Document($"d{i}", $"Text number {i}.")).ToList();
        var jobs = new List<string>();
        using (await Locks.AcquireAsync(collection, CancellationToken.None))
        {
            jobs.Add(await SubmitAsync(collection, documents));
            await WaitForStateAsync(jobs[0], "running");
            for (var i = 0; i < IngestionGatewayFixture.JobQueueCapacity; i++)
            {
                jobs.Add(await SubmitAsync(collection, documents));
            }

            var refused = await _client.IngestAsync(collection, Body(documents));

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.Equal("10", refused.Response.Headers.GetValues("Retry-After").Single());
            Assert.Equal("rate_limit_error", refused.Body.GetProperty("error").GetProperty("type").GetString());
            foreach (var job in jobs)
            {
                await _client.DeleteAsync($"/v1/ingest/jobs/{job}");
            }
        }

        foreach (var job in jobs)
        {
            Assert.Equal("cancelled", (await _client.WaitForJobAsync(job)).GetProperty("state").GetString());
        }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Job_UnknownId_Answers404(string method)
    {
        var reply = method == "GET" ? await _client.GetAsync("/v1/ingest/jobs/ingest-nope") : await _client.DeleteAsync("/v1/ingest/jobs/ingest-nope");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("job_not_found", reply.Body.GetProperty("error").GetProperty("code").GetString());
    }

    private static double Metric(string exposition, string series) =>
        double.Parse(exposition.Split('\n').Single(line => line.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> SubmitAsync(string collection, List<System.Text.Json.Nodes.JsonObject> documents)
    {
        var reply = await _client.IngestAsync(collection, Body(documents.Select(d => d.DeepClone().AsObject())));
        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        return reply.Body.GetProperty("job").GetProperty("id").GetString()!;
    }

    private async Task WaitForStateAsync(string id, string state)
    {
        // Polls the job's state (a signal the server keeps); the deadline only stops a broken test from hanging.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var reply = await _client.GetAsync($"/v1/ingest/jobs/{id}");
            if (reply.Body.GetProperty("state").GetString() == state)
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"job {id} never reached {state}");
    }
}
