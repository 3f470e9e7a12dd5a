namespace Trinity.Gateway.Cache;

/// <summary>
/// Decides whether a prompt may take the answer cached for a similar one. Embeddings score "turn on X" and "turn
/// off X" as near duplicates, so a threshold alone cannot keep them apart: the guard compares the two prompts' word
/// multisets (lower-cased, contractions expanded) and refuses when a differing word is a negation, a number, a name,
/// one side of an antonym pair, a question word or (unless turned off) any other content word, when too large a share
/// of the words differ, or when the shared words come in another order. It errs towards refusing: a refused hit costs one generation, a wrong one serves a
/// wrong answer.
/// </summary>
internal sealed class PromptGuard(double maxWordDifference, bool guardContentWords = true)
{
    /// <summary>Longer prompts are not compared (the order check is quadratic); they can still hit exactly.</summary>
    public const int MaxWords = 1024;

    public GuardVerdict Check(string cached, string candidate)
    {
        ArgumentNullException.ThrowIfNull(cached);
        ArgumentNullException.ThrowIfNull(candidate);
        var a = PromptWords.Split(cached);
        var b = PromptWords.Split(candidate);
        if (a.Count == 0 || b.Count == 0 || a.Count > MaxWords || b.Count > MaxWords)
        {
            return new GuardVerdict(GuardRejection.Unsupported, null);
        }

        var countsA = Count(a);
        var countsB = Count(b);
        var differing = new List<string>();
        var delta = 0;
        foreach (var (word, n) in countsA)
        {
            var m = countsB.GetValueOrDefault(word);
            if (m != n)
            {
                differing.Add(word);
                delta += Math.Abs(n - m);
            }
        }

        foreach (var (word, m) in countsB)
        {
            if (!countsA.ContainsKey(word))
            {
                differing.Add(word);
                delta += m;
            }
        }

        if (FirstRuleBroken(differing, a, b) is { } verdict)
        {
            return verdict;
        }

        if (delta > maxWordDifference * (a.Count + b.Count))
        {
            return new GuardVerdict(GuardRejection.TooDifferent, null);
        }

        var shared = (a.Count + b.Count - delta) / 2;
        return LongestCommonSubsequence(a, b) < shared ? new GuardVerdict(GuardRejection.Reordered, null) : GuardVerdict.Accept;
    }

    /// <summary>The first rule a differing word breaks, rules in order of how surely they change the meaning.</summary>
    private GuardVerdict? FirstRuleBroken(List<string> differing, List<PromptWord> a, List<PromptWord> b)
    {
        var names = new HashSet<string>(a.Concat(b).Where(w => w.NameLike).Select(w => w.Text), StringComparer.Ordinal);
        (GuardRejection Rejection, Func<string, bool> Applies)[] rules =
        [
            (GuardRejection.Negation, GuardLexicon.IsNegation),
            (GuardRejection.Number, GuardLexicon.IsNumber),
            (GuardRejection.Name, names.Contains),
            (GuardRejection.Antonym, w => GuardLexicon.IsAntonym(w) || differing.Exists(other => GuardLexicon.NegatesByPrefix(w, other))),
            (GuardRejection.QuestionWord, GuardLexicon.IsQuestionWord),
            (GuardRejection.ContentWord, w => guardContentWords && !GuardLexicon.IsFunctionWord(w)),
        ];
        foreach (var (rejection, applies) in rules)
        {
            if (differing.Find(w => applies(w)) is { } word)
            {
                return new GuardVerdict(rejection, word);
            }
        }

        return null;
    }

    private static Dictionary<string, int> Count(List<PromptWord> words)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            counts[word.Text] = counts.GetValueOrDefault(word.Text) + 1;
        }

        return counts;
    }

    private static int LongestCommonSubsequence(List<PromptWord> a, List<PromptWord> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1].Text, b[j - 1].Text, StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
