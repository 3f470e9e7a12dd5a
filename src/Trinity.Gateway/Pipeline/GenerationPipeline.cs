using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Trinity.Contracts;
using Trinity.Gateway.Diagnostics;
using Trinity.Gateway.Errors;
using Trinity.Gateway.Scheduling;

namespace Trinity.Gateway.Pipeline;

/// <summary>The generation stage: runs the sequences of an admitted request on its model's engine: an engine slot per
/// sequence from the <see cref="AdmissionGate"/>, a stall watchdog per sequence, the
/// merge of n sequences into one stream, and the serving metrics. Cancelling the token (client gone, request
/// timeout) cancels every engine sequence of the request.</summary>
internal sealed class GenerationPipeline(
    AdmissionGate admission,
    GatewayMetrics metrics,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<GenerationPipeline> logger)
{
    private readonly TimeSpan _stallTimeout = options.Value.StallTimeout;

    public IAsyncEnumerable<SequenceEvent> RunAsync(GenerationPlan plan, RequestTimings timings, CancellationToken cancellationToken)
    {
        metrics.PromptTokens.Add(plan.PromptTokens, GatewayMetrics.Model(plan.Model.Name));
        return plan.Sequences.Count == 1
            ? RunSingleAsync(plan, timings, cancellationToken)
            : RunManyAsync(plan, timings, cancellationToken);
    }

    private async IAsyncEnumerable<SequenceEvent> RunSingleAsync(
        GenerationPlan plan, RequestTimings timings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tokens = 0;
        await foreach (var output in RunSequenceAsync(plan, 0, timings, cancellationToken).ConfigureAwait(false))
        {
            tokens += output.Tokens.Length;
            yield return new SequenceEvent(0, output);
        }

        var e2e = timings.Finished();
        metrics.E2eLatency.Record(e2e, GatewayMetrics.Model(plan.Model.Name));
        plan.Slo?.Finished(e2e, tokens);
    }

    private async IAsyncEnumerable<SequenceEvent> RunManyAsync(
        GenerationPlan plan, RequestTimings timings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<SequenceEvent>(new BoundedChannelOptions(4 * plan.Sequences.Count) { SingleReader = true });
        var producers = new Task[plan.Sequences.Count];
        for (var i = 0; i < producers.Length; i++)
        {
            producers[i] = ProduceAsync(i);
        }

        var completion = CompleteAsync();
        var tokens = new int[plan.Sequences.Count];
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                tokens[item.Index] += item.Output.Tokens.Length;
                yield return item;
            }
        }
        finally
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            await completion.ConfigureAwait(false);
        }

        var e2e = timings.Finished();
        metrics.E2eLatency.Record(e2e, GatewayMetrics.Model(plan.Model.Name));
        plan.Slo?.Finished(e2e, tokens.Max());

        async Task ProduceAsync(int index)
        {
            try
            {
                await foreach (var output in RunSequenceAsync(plan, index, timings, cancel.Token).ConfigureAwait(false))
                {
                    await channel.Writer.WriteAsync(new SequenceEvent(index, output), cancel.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // The request is over (client gone, timeout, or a sibling failed): nothing to report.
            }
            catch (Exception exception)
            {
                // The first failure ends the request; the reader sees it after the outputs already queued.
                channel.Writer.TryComplete(exception);
                await cancel.CancelAsync().ConfigureAwait(false);
            }
        }

        async Task CompleteAsync()
        {
            await Task.WhenAll(producers).ConfigureAwait(false);
            channel.Writer.TryComplete();
        }
    }

    private async IAsyncEnumerable<GenerationOutput> RunSequenceAsync(
        GenerationPlan plan, int index, RequestTimings timings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = plan.Sequences[index];
        var model = GatewayMetrics.Model(plan.Model.Name);
        var queueStart = time.GetTimestamp();
        using var lease = await admission.AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
        metrics.QueueTime.Record(timings.Admitted(queueStart), model);

        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        IAsyncEnumerator<GenerationOutput> outputs;
        try
        {
            outputs = plan.Model.Engine.GenerateAsync(request, linked.Token).GetAsyncEnumerator(linked.Token);
        }
        catch (ArgumentException exception)
        {
            // Engines check requests against the model's limits with messages meant for API users.
            throw PipelineErrors.Invalid($"Invalid request: {exception.Message}.", null, "invalid_request");
        }

        var generated = 0;
        var lastToken = 0L;
        try
        {
            while (true)
            {
                stall.CancelAfter(_stallTimeout);
                GenerationOutput output;
                try
                {
                    if (!await outputs.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    output = outputs.Current;
                }
                catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    GatewayLog.EngineStalled(logger, request.RequestId, _stallTimeout.TotalSeconds);
                    throw PipelineErrors.Timeout($"The engine produced no output for {_stallTimeout.TotalSeconds:0.###} s.");
                }
                catch (EngineOverloadedException exception)
                {
                    throw PipelineErrors.Overloaded($"The engine is overloaded ({exception.Message}); please retry.", TimeSpan.FromSeconds(1));
                }
                catch (Exception exception) when (exception is not OperationCanceledException and not PipelineException)
                {
                    GatewayLog.EngineFailed(logger, request.RequestId, exception);
                    throw PipelineErrors.Engine("The engine failed while generating.");
                }

                stall.CancelAfter(Timeout.InfiniteTimeSpan);
                if (output.FinishReason is FinishReason.Error or FinishReason.Cancelled)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    GatewayLog.EngineEndedSequence(logger, request.RequestId, output.FinishReason.Value);
                    throw PipelineErrors.Engine("The engine failed while generating.");
                }

                if (output.Tokens.Length > 0)
                {
                    var now = time.GetTimestamp();
                    if (generated == 0)
                    {
                        if (timings.FirstToken() is { } ttft)
                        {
                            metrics.TimeToFirstToken.Record(ttft, model);
                            plan.Slo?.FirstToken(ttft);
                        }
                    }
                    else
                    {
                        metrics.InterTokenLatency.Record(time.GetElapsedTime(lastToken, now).TotalSeconds, model);
                    }

                    lastToken = now;
                    generated += output.Tokens.Length;
                    metrics.GenerationTokens.Add(output.Tokens.Length, model);
                }

                yield return output;
                if (output.FinishReason is { } reason)
                {
                    metrics.RecordFinished(plan.Model.Name, reason);
                    GatewayLog.SequenceFinished(logger, request.RequestId, reason, generated);
                    yield break;
                }
            }
        }
        finally
        {
            await outputs.DisposeAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        GatewayLog.EngineEndedSequence(logger, request.RequestId, null);
        throw PipelineErrors.Engine("The engine ended the sequence without a finish reason.");
    }
}
