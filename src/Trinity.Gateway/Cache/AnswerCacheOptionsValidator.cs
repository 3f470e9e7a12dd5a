using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Cache;

/// <summary>Checks <c>Trinity:AnswerCache</c> at start-up, so that a bad value stops the gateway with a clear
/// message rather than failing at the first request.</summary>
internal sealed partial class AnswerCacheOptionsValidator : IValidateOptions<AnswerCacheOptions>
{
    private const string Prefix = AnswerCacheOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AnswerCacheOptions options)
    {
        var errors = new List<string>();
        Check(errors, options.Threshold is > 0 and <= 1, "Threshold must be in (0, 1]");
        Check(errors, options.TtlSeconds > 0 && double.IsFinite(options.TtlSeconds) && options.TtlSeconds <= TimeSpan.MaxValue.TotalSeconds / 2, "TtlSeconds must be a positive number of seconds");
        Check(errors, options.MaxEntries is >= 1 and <= 10_000_000, "MaxEntries must be 1 to 10,000,000");
        Check(errors, CollectionName().IsMatch(options.Collection), "Collection must match [A-Za-z0-9_-]{1,64}");
        Check(errors, options.LookupBudgetMs is > 0 and <= 60_000, "LookupBudgetMs must be in (0, 60000]");
        Check(errors, options.Candidates is >= 1 and <= 64, "Candidates must be 1 to 64");
        Check(errors, options.MaxTemperature is >= 0 and <= 2, "MaxTemperature must be in [0, 2]");
        Check(errors, options.MaxWordDifference is >= 0 and <= 1, "MaxWordDifference must be in [0, 1]");
        Check(errors, options.Dimension is 0 or (>= 1 and <= 65_536), "Dimension must be 0 (the embedder's) or 1 to 65536");
        Check(errors, options.SweepIntervalSeconds is >= 0.01 and <= 86_400, "SweepIntervalSeconds must be in [0.01, 86400]");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(Prefix + message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex CollectionName();
}
