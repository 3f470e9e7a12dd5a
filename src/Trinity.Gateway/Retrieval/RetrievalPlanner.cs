using Microsoft.Extensions.Options;
using Trinity.Gateway.Errors;
using Trinity.Gateway.Tenancy;

namespace Trinity.Gateway.Retrieval;

/// <summary>Turns a request's <c>retrieval</c> field and the model's defaults into a <see cref="RetrievalPlan"/>, with
/// 400s naming the field at fault.</summary>
internal sealed class RetrievalPlanner(IOptions<RetrievalOptions> options, TenantCollections collections)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>The plan of the open deployment's single tenant.</summary>
    public RetrievalPlan? Plan(RetrievalRequest? request, string model) => Plan(request, model, Tenant.Default);

    /// <summary>The plan for <paramref name="tenant"/>: its collections only, or one another tenant shares with it.</summary>
    public RetrievalPlan? Plan(RetrievalRequest? request, string model, Tenant tenant)
    {
        _options.Models.TryGetValue(model, out var defaults);
        if (request is null && defaults?.Always != true)
        {
            return null;
        }

        var collection = request?.Collection ?? defaults?.Collection;
        if (string.IsNullOrWhiteSpace(collection))
        {
            throw PipelineErrors.Invalid("'retrieval.collection' is required (this model has no default collection).", "retrieval.collection", "missing_required_parameter");
        }

        var k = request?.K ?? defaults?.K ?? _options.DefaultK;
        if (k < 1 || k > _options.MaxK)
        {
            throw PipelineErrors.Invalid($"'retrieval.k' must be between 1 and {_options.MaxK}, got {k}.", "retrieval.k", "invalid_value");
        }

        var mode = request?.Mode ?? defaults?.Mode ?? "once";
        if (mode is not ("once" or "interval"))
        {
            throw PipelineErrors.Invalid($"'retrieval.mode' must be \"once\" or \"interval\", got \"{mode}\".", "retrieval.mode", "invalid_value");
        }

        var interval = request?.IntervalTokens ?? defaults?.IntervalTokens ?? _options.DefaultIntervalTokens;
        if (interval is < 1 or > 4096)
        {
            throw PipelineErrors.Invalid($"'retrieval.interval_tokens' must be between 1 and 4096, got {interval}.", "retrieval.interval_tokens", "invalid_value");
        }

        var poolName = collections.Resolve(tenant, collection, CollectionAccess.Read);
        return new RetrievalPlan(poolName, k, mode == "interval", interval) { ClientName = poolName == collection ? null : collection };
    }
}
