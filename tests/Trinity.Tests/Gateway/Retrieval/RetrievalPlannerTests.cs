using Microsoft.Extensions.Options;
using Trinity.Gateway.Errors;
using Trinity.Gateway.Retrieval;
using Trinity.Gateway.Tenancy;
using Trinity.Tokenization;

namespace Trinity.Tests.Gateway.Retrieval;

public sealed class RetrievalPlannerTests
{
    private static RetrievalPlanner Planner(RetrievalOptions? options = null) =>
        new(Options.Create(options ?? new RetrievalOptions()), new TenantCollections(new TenantDirectory([], new Dictionary<string, Tenant>())));

    [Fact]
    public void Plan_NoRequestNoDefault_IsNull() => Assert.Null(Planner().Plan(null, "m"));

    [Fact]
    public void Plan_ModelDefaults_FillMissingFields()
    {
        var planner = Planner(new RetrievalOptions
        {
            Models = new Dictionary<string, RetrievalDefaults> { ["m"] = new() { Collection = "kb", K = 3, Mode = "interval", IntervalTokens = 16, Always = true } },
        });
        Assert.Equal(new RetrievalPlan("kb", 3, true, 16), planner.Plan(null, "m"));
        Assert.Equal(new RetrievalPlan("other", 3, false, 16), planner.Plan(new RetrievalRequest { Collection = "other", Mode = "once" }, "m"));
    }

    [Theory]
    [InlineData(null, 4, "once", 32, "retrieval.collection")]
    [InlineData("kb", 0, "once", 32, "retrieval.k")]
    [InlineData("kb", 65, "once", 32, "retrieval.k")]
    [InlineData("kb", 4, "always", 32, "retrieval.mode")]
    [InlineData("kb", 4, "interval", 0, "retrieval.interval_tokens")]
    public void Plan_InvalidField_400NamingIt(string? collection, int k, string mode, int interval, string param)
    {
        var error = Assert.Throws<PipelineException>(() => Planner().Plan(new RetrievalRequest { Collection = collection, K = k, Mode = mode, IntervalTokens = interval }, "m"));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void Augment_MergesIntoSystemMessageOrAddsOne()
    {
        var context = new RetrievedContext([("doc#0", 0.9, "Pools are shared.")], TimeSpan.Zero);
        var withSystem = PromptAugmenter.Augment([new ChatMessage("system", "Be brief."), new ChatMessage("user", "q")], context, "CTX:\n{context}");
        Assert.Equal(2, withSystem.Count);
        Assert.Equal("Be brief.\n\nCTX:\n[doc#0] Pools are shared.", withSystem[0].Content);

        var without = PromptAugmenter.Augment([new ChatMessage("user", "q")], context, "CTX:\n{context}");
        Assert.Equal(new ChatMessage("system", "CTX:\n[doc#0] Pools are shared."), without[0]);
        Assert.Equal("q", PromptAugmenter.Question(without));
    }
}
