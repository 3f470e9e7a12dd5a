using Trinity.Gateway.Cache;

namespace Trinity.Tests.Gateway.Cache;

public sealed class PromptGuardTests
{
    private readonly PromptGuard _guard = new(maxWordDifference: 0.5);

    [Theory]
    [InlineData("How do I reset my password?", "how can I reset my password")]
    [InlineData("How do I reset my password?", "How do I reset my password")]
    [InlineData("How do I reset my password?", "  how do I   reset my password?? ")]
    [InlineData("What is the capital of France?", "what's the capital of France")]
    [InlineData("What's the capital of France?", "What is the capital of France?")]
    [InlineData("Can you explain recursion?", "Could you explain recursion?")]
    [InlineData("I'm looking for a good recipe for pancakes", "I am looking for a good recipe for pancakes")]
    [InlineData("How do I reset my password?", "How do I reset my password, please?")]
    [InlineData("Explain how a hash map works", "explain how a hash map works")]
    [InlineData("Tell me about Paris", "tell me about Paris")]
    [InlineData("Where is Alice's office?", "Where is Alice's office")]
    [InlineData("How do I reset the password", "How do I reset a password")]
    [InlineData("Is it safe to eat raw eggs?", "Is it safe to eat raw eggs")]
    public void Check_Paraphrase_Accepted(string cached, string candidate) =>
        Assert.Equal(GuardVerdict.Accept, _guard.Check(cached, candidate));

    [Theory]
    [InlineData("Is it safe to eat raw eggs?", "Is it not safe to eat raw eggs?", "not")]
    [InlineData("Is it safe to eat raw eggs?", "Isn't it safe to eat raw eggs?", "not")]
    [InlineData("Is it safe to eat raw eggs?", "Isn’t it safe to eat raw eggs?", "not")]
    [InlineData("Should I restart the server?", "Should I never restart the server?", "never")]
    [InlineData("Can I use the app with an account?", "Can I use the app without an account?", "without")]
    [InlineData("Do I need a visa?", "Don't I need a visa?", "not")]
    [InlineData("Do I need a visa?", "dont I need a visa?", "dont")]
    [InlineData("Can I delete this file?", "I cannot delete this file?", "not")]
    [InlineData("Can I delete this file?", "I can't delete this file?", "not")]
    [InlineData("Will it work?", "Won't it work?", "not")]
    [InlineData("Which users have a profile?", "Which users have no profile?", "no")]
    [InlineData("Is any item left?", "Is none item left?", "none")]
    [InlineData("Show users who logged in", "Show users who never logged in", "never")]
    [InlineData("List the non-empty folders", "List the empty folders", "non")]
    [InlineData("Should I answer yes to the prompt?", "Should I answer no to the prompt?", "no")]
    public void Check_Negation_RejectedAsNegation(string cached, string candidate, string word) =>
        Assert.Equal(new GuardVerdict(GuardRejection.Negation, word), _guard.Check(cached, candidate));

    [Theory]
    [InlineData("What is 2 plus 3?", "What is 2 plus 4?", "3")]
    [InlineData("Give me 10 ideas for a party", "Give me 12 ideas for a party", "10")]
    [InlineData("Give me three ideas for a party", "Give me five ideas for a party", "three")]
    [InlineData("Convert 3.5 miles to kilometres", "Convert 3.6 miles to kilometres", "5")]
    [InlineData("What happened in 1989?", "What happened in 1991?", "1989")]
    [InlineData("Summarize the second chapter", "Summarize the third chapter", "second")]
    [InlineData("Explain the pros of version v2", "Explain the pros of version v3", "v2")]
    [InlineData("Double the recipe for me", "Halve the recipe for me", "double")]
    public void Check_ChangedNumber_RejectedAsNumber(string cached, string candidate, string word) =>
        Assert.Equal(new GuardVerdict(GuardRejection.Number, word), _guard.Check(cached, candidate));

    [Theory]
    [InlineData("Who is Alice's manager?", "Who is Bob's manager?", "alice")]
    [InlineData("What is the capital of France?", "What is the capital of Spain?", "france")]
    [InlineData("Explain quicksort in Python", "Explain quicksort in Java", "python")]
    [InlineData("How do I install it on Ubuntu?", "How do I install it on Fedora?", "ubuntu")]
    [InlineData("Paris is nice in spring, right?", "Rome is nice in spring, right?", "paris")]
    [InlineData("What does NASA do?", "What does ESA do?", "nasa")]
    [InlineData("Reset my iPhone password", "Reset my Android password", "iphone")]
    [InlineData("Call the GetUser method", "Call the GetOrder method", "getuser")]
    [InlineData("Tell me about Paris", "Tell me about paris and Rome", "rome")]
    public void Check_ChangedName_RejectedAsName(string cached, string candidate, string word) =>
        Assert.Equal(new GuardVerdict(GuardRejection.Name, word), _guard.Check(cached, candidate));

    [Theory]
    [InlineData("How do I turn on dark mode?", "How do I turn off dark mode?", "on")]
    [InlineData("How do I enable notifications?", "How do I disable notifications?", "enable")]
    [InlineData("How do I open the port?", "How do I close the port?", "open")]
    [InlineData("How do I start the service?", "How do I stop the service?", "start")]
    [InlineData("How do I increase the font size?", "How do I decrease the font size?", "increase")]
    [InlineData("Set the flag to true", "Set the flag to false", "true")]
    [InlineData("How do I allow access to the folder?", "How do I deny access to the folder?", "allow")]
    [InlineData("How do I add a user?", "How do I remove a user?", "add")]
    [InlineData("What is the max heap size?", "What is the min heap size?", "max")]
    [InlineData("Take the pill before meals?", "Take the pill after meals?", "before")]
    [InlineData("How do I lock the screen?", "How do I unlock the screen?", "lock")]
    [InlineData("Is the water safe to drink?", "Is the water unsafe to drink?", "safe")]
    [InlineData("How do I connect the printer?", "How do I disconnect the printer?", "connect")]
    [InlineData("How do I log in?", "How do I log out?", "out")]
    [InlineData("Is the result accurate?", "Is the result inaccurate?", "inaccurate")]
    public void Check_Antonym_RejectedAsAntonym(string cached, string candidate, string word)
    {
        var verdict = _guard.Check(cached, candidate);
        Assert.Equal(GuardRejection.Antonym, verdict.Rejection);
        Assert.Contains(verdict.Word, new[] { word, Other(cached, candidate, word) });
    }

    [Theory]
    [InlineData("How do I reset my password?", "Why do I reset my password?", "how")]
    [InlineData("When does the store open?", "Where does the store open?", "when")]
    [InlineData("Who wrote the report?", "What wrote the report?", "who")]
    public void Check_QuestionWordChanged_RejectedAsQuestionWord(string cached, string candidate, string word) =>
        Assert.Equal(new GuardVerdict(GuardRejection.QuestionWord, word), _guard.Check(cached, candidate));

    [Theory]
    [InlineData("convert usd to eur", "convert eur to usd")]
    [InlineData("the dog bit the man", "the man bit the dog")]
    [InlineData("copy the file from src to dst", "copy the file from dst to src")]
    [InlineData("Please summarize the article", "Summarize the article please")]
    public void Check_SameWordsOtherOrder_RejectedAsReordered(string cached, string candidate) =>
        Assert.Equal(GuardRejection.Reordered, _guard.Check(cached, candidate).Rejection);

    [Theory]
    [InlineData("How do I bake bread?", "How do I bake a cake?", "bread")]
    [InlineData("What is the boiling point of water?", "What is the freezing point of water?", "boiling")]
    [InlineData("How do I reset my password?", "How do I reset my email password?", "email")]
    [InlineData("Write a poem about love", "Write a song about love", "poem")]
    [InlineData("What are the benefits of unit testing?", "What are the benefits of unit tests?", "testing")]
    public void Check_ContentWordChanged_RejectedAsContentWord(string cached, string candidate, string word) =>
        Assert.Equal(new GuardVerdict(GuardRejection.ContentWord, word), _guard.Check(cached, candidate));

    [Fact]
    public void Check_ContentWordsNotGuarded_SubstitutionAccepted()
    {
        var lenient = new PromptGuard(0.5, guardContentWords: false);
        Assert.True(lenient.Check("How do I bake bread?", "How do I bake a cake?").Accepted);

        // The other rules still hold.
        Assert.Equal(GuardRejection.Antonym, lenient.Check("How do I turn on dark mode?", "How do I turn off dark mode?").Rejection);
    }

    [Theory]
    [InlineData("reset password", "could you please reset my password for me now")]
    [InlineData("explain it", "can you just explain it to me please")]
    public void Check_MostWordsDiffer_RejectedAsTooDifferent(string cached, string candidate) =>
        Assert.Equal(GuardRejection.TooDifferent, _guard.Check(cached, candidate).Rejection);

    [Theory]
    [InlineData("reset my password please", "weather forecast for tomorrow morning")]
    [InlineData("reset password", "reset password for the admin account of the web shop")]
    public void Check_MostWordsDifferContentNotGuarded_RejectedAsTooDifferent(string cached, string candidate) =>
        Assert.Equal(GuardRejection.TooDifferent, new PromptGuard(0.5, guardContentWords: false).Check(cached, candidate).Rejection);

    [Fact]
    public void Check_DifferenceBound_IsTheConfiguredShare()
    {
        // 2 differing words out of 12: 17%.
        Assert.True(new PromptGuard(0.2).Check("How do I reset my password", "how can I reset my password").Accepted);
        Assert.Equal(GuardRejection.TooDifferent, new PromptGuard(0.1).Check("How do I reset my password", "how can I reset my password").Rejection);
    }

    [Theory]
    [InlineData("", "hello")]
    [InlineData("?!", "hello")]
    [InlineData("hello", "   ")]
    public void Check_NoWords_RejectedAsUnsupported(string cached, string candidate) =>
        Assert.Equal(GuardRejection.Unsupported, _guard.Check(cached, candidate).Rejection);

    [Fact]
    public void Check_TooManyWords_RejectedAsUnsupported()
    {
        var longPrompt = string.Join(' ', Enumerable.Repeat("word", PromptGuard.MaxWords + 1));
        Assert.Equal(GuardRejection.Unsupported, _guard.Check(longPrompt, longPrompt).Rejection);
        var fits = string.Join(' ', Enumerable.Repeat("word", PromptGuard.MaxWords));
        Assert.True(_guard.Check(fits, fits).Accepted);
    }

    [Fact]
    public void Check_MultiTurnConversationsDifferingEarlier_Rejected()
    {
        // The same follow-up after different first turns: the whole conversation is compared, not the last message.
        var verdict = _guard.Check("Tell me about Paris\nParis is the capital of France.\nWhat about its population?", "Tell me about Rome\nRome is the capital of Italy.\nWhat about its population?");
        Assert.Equal(GuardRejection.Name, verdict.Rejection);
    }

    [Fact]
    public void Check_IsSymmetric()
    {
        string[][] pairs =
        [
            ["How do I turn on dark mode?", "How do I turn off dark mode?"],
            ["How do I reset my password?", "how can I reset my password"],
            ["What is 2 plus 3?", "What is 2 plus 4?"],
            ["Who is Alice's manager?", "Who is Bob's manager?"],
            ["convert usd to eur", "convert eur to usd"],
        ];
        foreach (var pair in pairs)
        {
            Assert.Equal(_guard.Check(pair[0], pair[1]).Rejection, _guard.Check(pair[1], pair[0]).Rejection);
        }
    }

    private static string Other(string cached, string candidate, string word)
    {
        var a = PromptWords.Split(cached).Select(w => w.Text).ToHashSet();
        var b = PromptWords.Split(candidate).Select(w => w.Text).ToHashSet();
        return a.Contains(word) ? b.Except(a).FirstOrDefault() ?? word : a.Except(b).FirstOrDefault() ?? word;
    }
}
