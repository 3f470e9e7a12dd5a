using Trinity.Gateway.Cache;

namespace Trinity.Tests.Gateway.Cache;

public sealed class AnswerCacheOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new AnswerCacheOptionsValidator().Validate(null, new AnswerCacheOptions()).Succeeded);

    [Theory]
    [InlineData("Threshold")]
    [InlineData("TtlSeconds")]
    [InlineData("MaxEntries")]
    [InlineData("Collection")]
    [InlineData("LookupBudgetMs")]
    [InlineData("Candidates")]
    [InlineData("MaxTemperature")]
    [InlineData("MaxWordDifference")]
    [InlineData("Dimension")]
    [InlineData("SweepIntervalSeconds")]
    public void Validate_BadValue_FailsNamingTheSetting(string setting)
    {
        var options = setting switch
        {
            "Threshold" => new AnswerCacheOptions { Threshold = 1.5 },
            "TtlSeconds" => new AnswerCacheOptions { TtlSeconds = 0 },
            "MaxEntries" => new AnswerCacheOptions { MaxEntries = 0 },
            "Collection" => new AnswerCacheOptions { Collection = "no spaces please" },
            "LookupBudgetMs" => new AnswerCacheOptions { LookupBudgetMs = double.NaN },
            "Candidates" => new AnswerCacheOptions { Candidates = 0 },
            "MaxTemperature" => new AnswerCacheOptions { MaxTemperature = -1 },
            "MaxWordDifference" => new AnswerCacheOptions { MaxWordDifference = 2 },
            "Dimension" => new AnswerCacheOptions { Dimension = -3 },
            _ => new AnswerCacheOptions { SweepIntervalSeconds = 0 },
        };

        var result = new AnswerCacheOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Trinity:AnswerCache:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }
}
