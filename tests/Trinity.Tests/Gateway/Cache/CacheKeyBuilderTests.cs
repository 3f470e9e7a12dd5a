using Trinity.Gateway.Cache;
using Trinity.Tokenization;

namespace Trinity.Tests.Gateway.Cache;

public sealed class CacheKeyBuilderTests
{
    [Theory]
    [InlineData("  a  b\t\nc ", "a b c")]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    [InlineData(" \n ", "")]
    [InlineData("a\u00A0b", "a b")]
    public void Normalize_Text_TrimmedWithSingleSpaces(string text, string expected) =>
        Assert.Equal(expected, CacheKeyBuilder.Normalize(text));

    [Fact]
    public void Build_WhitespaceVariants_SameKey()
    {
        var a = CacheKeyBuilder.Build(Query([new("system", "Be terse."), new("user", "How do I reset my password?")]));
        var b = CacheKeyBuilder.Build(Query([new("system", " Be  terse. "), new("user", "How do I\nreset my password? ")]));

        Assert.Equal(a, b);
        Assert.Equal(64, a.Id.Length);
        Assert.Equal("Be terse.", a.SystemPrompt);
        Assert.Equal("How do I reset my password?", a.Prompt);
        Assert.Equal("How do I reset my password?", a.LastUserPrompt);
    }

    [Fact]
    public void Build_CaseRoleOrTurnChanges_OtherKey()
    {
        var baseline = CacheKeyBuilder.Build(Query([new("user", "Hello")]));

        Assert.NotEqual(baseline.Id, CacheKeyBuilder.Build(Query([new("user", "hello")])).Id);
        Assert.NotEqual(baseline.Id, CacheKeyBuilder.Build(Query([new("assistant", "Hello")])).Id);
        Assert.NotEqual(baseline.Id, CacheKeyBuilder.Build(Query([new("user", "Hello"), new("assistant", "Hi")])).Id);
    }

    [Fact]
    public void Build_SystemAndDeveloperMessages_SelectTheNamespaceOnly()
    {
        var plain = CacheKeyBuilder.Build(Query([new("user", "Hello")]));
        var system = CacheKeyBuilder.Build(Query([new("system", "Be terse."), new("user", "Hello")]));
        var developer = CacheKeyBuilder.Build(Query([new("developer", "Be terse."), new("user", "Hello")]));

        Assert.NotEqual(plain.Namespace, system.Namespace);
        Assert.Equal(system.Namespace, developer.Namespace);
        Assert.Equal(plain.Prompt, system.Prompt);
    }

    [Fact]
    public void Build_ModelCollectionOrStop_OtherNamespace()
    {
        var messages = new List<ChatMessage> { new("user", "Hello") };
        var spaces = new[]
        {
            CacheKeyBuilder.Build(Query(messages)),
            CacheKeyBuilder.Build(Query(messages) with { Model = "other" }),
            CacheKeyBuilder.Build(Query(messages) with { Collection = "docs" }),
            CacheKeyBuilder.Build(Query(messages) with { Stop = ["\n"] }),
            CacheKeyBuilder.Build(Query(messages) with { Stop = ["\n", "END"] }),
        }.Select(k => k.Namespace);

        Assert.Equal(5, spaces.Distinct().Count());
    }

    [Fact]
    public void Build_MultiTurn_PromptIsTheTurnsLastUserPromptTheLastUserMessage()
    {
        var key = CacheKeyBuilder.Build(Query([new("user", "Tell me about Paris"), new("assistant", "A city."), new("user", "And its population?")]));

        Assert.Equal("Tell me about Paris\nA city.\nAnd its population?", key.Prompt);
        Assert.Equal("And its population?", key.LastUserPrompt);
    }

    private static AnswerCacheQuery Query(IReadOnlyList<ChatMessage> messages) => new("m", messages, null, null, DateTimeOffset.MaxValue);
}
