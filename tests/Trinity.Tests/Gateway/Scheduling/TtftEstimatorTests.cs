using Trinity.Gateway.Scheduling;

namespace Trinity.Tests.Gateway.Scheduling;

public sealed class TtftEstimatorTests
{
    [Fact]
    public void Predict_LinearLoad_LearnsInterceptAndSlope()
    {
        var estimator = new TtftEstimator(decay: 0.1);
        var random = new Random(3);
        for (var i = 0; i < 400; i++)
        {
            var work = random.Next(10, 4000);
            estimator.Done(0, work, 0.020 + (0.0005 * work));
        }

        // Nothing outstanding: a 1000-token prompt alone should take about 20 ms + 1000 · 0.5 ms.
        Assert.InRange(estimator.Predict(1000), 0.50, 0.54);
        estimator.Admit(3000);
        Assert.InRange(estimator.Predict(1000), 1.98, 2.06);
    }

    [Fact]
    public void Done_ReleasesOutstandingTokens()
    {
        var estimator = new TtftEstimator();
        var work = estimator.Admit(120);
        Assert.Equal(120, work);
        Assert.Equal(120, estimator.OutstandingTokens);
        estimator.Done(120, work, null);
        Assert.Equal(0, estimator.OutstandingTokens);
        Assert.Equal(0, estimator.Samples);
    }
}
