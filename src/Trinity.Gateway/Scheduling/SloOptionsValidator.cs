using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Scheduling;

/// <summary>Checks at start-up that every policy name used is defined and every budget is positive.</summary>
internal sealed class SloOptionsValidator : IValidateOptions<SloOptions>
{
    public ValidateOptionsResult Validate(string? name, SloOptions options)
    {
        var errors = new List<string>();
        if (!options.Policies.ContainsKey(options.DefaultPolicy))
        {
            errors.Add($"Trinity:Slo:DefaultPolicy '{options.DefaultPolicy}' is not one of Trinity:Slo:Policies ({string.Join(", ", options.Policies.Keys)})");
        }

        foreach (var (key, policy) in options.Policies)
        {
            if (!(policy.TtftMs > 0) || !(policy.TpotMs > 0) || !double.IsFinite(policy.TtftMs) || !double.IsFinite(policy.TpotMs))
            {
                errors.Add($"Trinity:Slo:Policies:{key} needs positive TtftMs and TpotMs");
            }
        }

        foreach (var (map, section) in new[] { (options.Models, "Models"), (options.Routes, "Routes") })
        {
            foreach (var (key, policy) in map)
            {
                if (!options.Policies.ContainsKey(policy))
                {
                    errors.Add($"Trinity:Slo:{section}:{key} names unknown policy '{policy}'");
                }
            }
        }

        if (options.WarmupRequests < 1)
        {
            errors.Add("Trinity:Slo:WarmupRequests must be at least 1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
