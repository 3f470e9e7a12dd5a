namespace Trinity.Tests.Gateway.Diagnostics;

/// <summary>A fact that needs the Prometheus binaries: skipped with the reason when they are missing, except under
/// CI (<c>TRINITY_CI=1</c>, set by .ci/run), where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresPrometheusFactAttribute : FactAttribute
{
    public RequiresPrometheusFactAttribute()
    {
        var missing = new[] { "prometheus", "promtool" }.Where(b => PrometheusBinaries.Find(b) is null).ToList();
        if (missing.Count > 0 && Environment.GetEnvironmentVariable("TRINITY_CI") != "1")
        {
            Skip = $"{string.Join(" and ", missing)} not installed: apt-get install prometheus (under .ci/run, TRINITY_CI=1, this test fails instead).";
        }
    }
}
