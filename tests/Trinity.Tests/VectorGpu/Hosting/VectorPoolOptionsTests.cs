using Microsoft.Extensions.Options;

namespace Trinity.Tests.VectorGpu.Hosting;

public sealed class VectorPoolOptionsTests
{
    [Theory]
    [InlineData("Trinity:VectorPool:Policy", "lifo", "Policy")]
    [InlineData("Trinity:VectorPool:IterationBudgetMs", "0", "IterationBudgetMs")]
    [InlineData("Trinity:VectorPool:SliceRows", "-5", "SliceRows")]
    [InlineData("Trinity:VectorPool:Device", "gpu", "Device")]
    public async Task Start_InvalidSetting_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        var home = Directory.CreateTempSubdirectory("trinity-options-").FullName;
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => VectorPoolTestHost.StartAsync(new Dictionary<string, string?> { [key] = value }, home));
            Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
