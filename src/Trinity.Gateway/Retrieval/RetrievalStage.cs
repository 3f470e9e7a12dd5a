using Microsoft.Extensions.Options;
using Trinity.Contracts;
using Trinity.Gateway.Scheduling;
using Trinity.Tokenization;

namespace Trinity.Gateway.Retrieval;

/// <summary>
/// The RAG step of a chat request: resolves what to retrieve, searches the shared pool before prefill (stage
/// <c>prefill</c>, due by the TTFT deadline), puts the chunks into the conversation, reports them, and in interval mode
/// hands the decode engine what to search every N tokens (stage <c>decode</c>, due within the TPOT objective).
/// </summary>
internal sealed class RetrievalStage(Retriever retriever, IOptions<RetrievalOptions> options)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>Runs <paramref name="plan"/> (planned once per request by <see cref="RetrievalPlanner"/>; null: no
    /// retrieval) for the conversation.</summary>
    public async Task<Grounding> RunAsync(RetrievalPlan? plan, IReadOnlyList<ChatMessage> messages, SloDeadlines deadlines, CancellationToken cancellationToken)
    {
        if (plan is null)
        {
            return new Grounding(messages, null, null);
        }

        var question = PromptAugmenter.Question(messages);
        var found = await retriever.RetrieveAsync(plan, question, deadlines.FirstToken, _options.MaxChunkChars, cancellationToken).ConfigureAwait(false);
        var report = new RetrievalReport
        {
            Collection = plan.Name,
            Mode = plan.Mode,
            Chunks = found.Chunks.Select(c => new RetrievedChunk(c.Id, Math.Round(c.Score, 6))).ToList(),
            Ms = Math.Round(found.Elapsed.TotalMilliseconds, 3),
        };

        var duringDecode = plan.Interval
            ? new DecodeRetrieval
            {
                Collection = plan.Collection,
                K = Math.Min(plan.K, 4),
                IntervalTokens = plan.IntervalTokens,
                Query = question,
                DeadlineMs = deadlines.Objective.TpotMs,
                MaxWaitMs = _options.DecodeMaxWaitMs,
                Template = _options.DecodeTemplate,
                SeenChunks = found.Chunks.Select(c => c.Id).ToList(),
            }
            : null;
        return new Grounding(PromptAugmenter.Augment(messages, found, _options.Template), duringDecode, report);
    }
}
