using Trinity.Gateway.Cache;

namespace Trinity.Tests.Gateway.Cache;

public sealed class PromptWordsTests
{
    [Theory]
    [InlineData("What's the time?", "what is the time")]
    [InlineData("I'm here, you're there, we've won, they'll go, he'd stay", "i am here you are there we have won they will go he would stay")]
    [InlineData("isn't can't won't shan't ain't doesn't", "is not can not will not shall not is not does not")]
    [InlineData("Alice's book", "alice book")]
    [InlineData("Let's go", "let us go")]
    [InlineData("non-empty, well-known", "non empty well known")]
    [InlineData("cannot", "can not")]
    [InlineData("It’s fine", "it is fine")]
    [InlineData("'quoted' words", "quoted words")]
    [InlineData("3.5 km", "3 5 km")]
    public void Split_Text_LowerCasedWordsWithContractionsExpanded(string text, string expected) =>
        Assert.Equal(expected, string.Join(' ', PromptWords.Split(text).Select(w => w.Text)));

    [Theory]
    [InlineData("Who is Alice?", "alice")]
    [InlineData("Paris is nice", "paris")]
    [InlineData("what does NASA do", "nasa")]
    [InlineData("my iPhone broke", "iphone")]
    [InlineData("use the GetUser method", "getuser")]
    [InlineData("It is fine. Berlin is big.", "berlin")]
    public void Split_NameLikeWords_Marked(string text, string name) =>
        Assert.Equal([name], PromptWords.Split(text).Where(w => w.NameLike).Select(w => w.Text));

    [Theory]
    [InlineData("How do I reset it? What about this? I think so.")]
    [InlineData("Please help. Tell me more! Why not?")]
    [InlineData("It's late. Can you help?")]
    public void Split_CommonSentenceOpenersAndI_NotNames(string text) =>
        Assert.DoesNotContain(PromptWords.Split(text), w => w.NameLike);
}
