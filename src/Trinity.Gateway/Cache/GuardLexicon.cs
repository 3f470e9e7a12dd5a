using System.Collections.Frozen;

namespace Trinity.Gateway.Cache;

/// <summary>The English word lists the guard reasons with. A word here that differs between two prompts makes them
/// mean different things often enough that a cached answer must not cross between them.</summary>
internal static class GuardLexicon
{
    private static readonly FrozenSet<string> Negations = Set(
        "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without", "non", "nope",
        "hardly", "barely", "scarcely", "seldom", "rarely", "lack", "lacks", "lacking", "except", "excluding", "unless",
        "dont", "cant", "wont", "isnt", "arent", "wasnt", "werent", "doesnt", "didnt", "hasnt", "havent", "hadnt",
        "shouldnt", "wouldnt", "couldnt", "mustnt", "neednt", "aint");

    private static readonly FrozenSet<string> NumberWords = Set(
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion",
        "dozen", "half", "quarter", "double", "triple", "twice", "thrice", "once", "single", "pair", "couple",
        "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "hundredth", "thousandth",
        "percent");

    private static readonly FrozenSet<string> QuestionWords = Set(
        "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "whether");

    private static readonly FrozenSet<string> Antonyms = Set(
        "on", "off", "enable", "disable", "enabled", "disabled", "enabling", "disabling", "activate", "deactivate",
        "open", "close", "opened", "closed", "opening", "closing", "start", "stop", "started", "stopped", "starting",
        "stopping", "begin", "end", "increase", "decrease", "increasing", "decreasing", "raise", "lower", "true", "false",
        "yes", "allow", "deny", "allowed", "denied", "permit", "forbid", "add", "remove", "added", "removed", "adding",
        "removing", "insert", "delete", "create", "destroy", "max", "min", "maximum", "minimum", "maximize", "minimize",
        "before", "after", "up", "down", "upper", "above", "below", "over", "under", "high", "low", "higher", "highest",
        "lowest", "more", "less", "most", "least", "fewer", "big", "small", "bigger", "smaller", "large", "larger",
        "long", "short", "longer", "shorter", "fast", "slow", "faster", "slower", "hot", "cold", "warm", "cool",
        "heavy", "light", "dark", "old", "new", "older", "newer", "young", "early", "late", "earlier", "later", "first",
        "last", "left", "right", "north", "south", "east", "west", "out", "inside", "outside", "internal", "external",
        "input", "output", "import", "export", "upload", "download", "push", "pull", "buy", "sell", "win", "lose",
        "gain", "loss", "profit", "pass", "fail", "accept", "reject", "include", "exclude", "show", "hide", "lock",
        "unlock", "mount", "unmount", "install", "uninstall", "connect", "disconnect", "login", "logout", "encrypt",
        "decrypt", "encode", "decode", "compress", "decompress", "serialize", "deserialize", "subscribe", "unsubscribe",
        "follow", "unfollow", "mute", "unmute", "plus", "minus", "positive", "negative", "good", "bad", "best", "worst",
        "better", "worse", "safe", "unsafe", "dangerous", "legal", "illegal", "possible", "impossible", "valid", "invalid",
        "public", "private", "static", "dynamic", "sync", "async", "synchronous", "asynchronous", "ascending",
        "descending", "asc", "desc", "always", "all", "some", "many", "few", "everything", "everyone", "same",
        "different", "equal", "unequal", "love", "hate", "like", "dislike", "agree", "disagree", "pros", "cons",
        "advantages", "disadvantages", "cheap", "expensive", "rich", "poor", "strong", "weak", "easy", "hard",
        "difficult", "simple", "complex", "required", "optional", "mandatory", "success", "failure", "succeed",
        "online", "offline", "empty", "full", "visible", "invisible", "read", "write", "get", "set", "send", "receive",
        "give", "take", "enter", "exit", "attach", "detach", "expand", "collapse", "forward", "backward", "next",
        "previous", "client", "server", "male", "female", "day", "night", "min", "upgrade", "downgrade", "import",
        "encrypted", "decrypted", "inclusive", "exclusive", "lowercase", "uppercase", "horizontal", "vertical",
        "increment", "decrement", "ingress", "egress", "inbound", "outbound", "row", "column", "rows", "columns");

    /// <summary>Words that shape how a request is phrased rather than what it asks about: the only words two prompts
    /// may differ in when content words are guarded.</summary>
    private static readonly FrozenSet<string> FunctionWords = Set(
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "our", "their", "his", "her", "its", "me",
        "you", "we", "us", "i", "it", "they", "them", "he", "she", "him", "myself", "yourself", "do", "does", "did",
        "can", "could", "would", "should", "will", "shall", "may", "might", "must", "is", "are", "was", "were", "am",
        "be", "been", "being", "have", "has", "had", "please", "kindly", "thanks", "thank", "just", "really",
        "actually", "simply", "basically", "to", "of", "for", "in", "at", "by", "with", "about", "into", "as", "so",
        "and", "or", "but", "then", "there", "here", "hi", "hello", "hey", "ok", "okay", "any", "also", "briefly",
        "exactly", "again", "now");

    /// <summary>Words that commonly open an English sentence: capitalised at the start of one, they are not names.</summary>
    private static readonly FrozenSet<string> CommonOpeners = Set(
        "a", "an", "the", "this", "that", "these", "those", "it", "there", "here", "he", "she", "we", "you", "they",
        "my", "your", "our", "their", "his", "her", "its", "me", "us", "them", "i", "who", "whom", "whose", "what",
        "which", "when", "where", "why", "how", "whether", "is", "are", "was", "were", "am", "be", "do", "does", "did",
        "can", "could", "would", "should", "will", "shall", "may", "might", "must", "have", "has", "had", "please",
        "tell", "explain", "give", "show", "list", "describe", "write", "make", "help", "find", "let", "if", "and",
        "or", "but", "so", "then", "also", "now", "hi", "hello", "hey", "thanks", "thank", "ok", "okay", "yes", "no",
        "not", "never", "in", "on", "at", "for", "to", "from", "with", "without", "of", "by", "about", "after",
        "before", "is", "any", "some", "all", "every", "each", "summarize", "summarise", "translate", "compare",
        "define", "create", "generate", "suggest", "recommend", "calculate", "convert", "check", "fix", "use", "get",
        "set", "add", "remove", "delete", "turn", "reset", "change", "update", "install", "open", "close", "start",
        "stop", "enable", "disable", "why's", "what's", "it's", "that's", "there's", "here's", "he's", "she's",
        "one", "two", "first", "second", "next", "last", "new", "old");

    public static bool IsNegation(string word) => Negations.Contains(word);

    public static bool IsNumber(string word) => NumberWords.Contains(word) || word.Any(char.IsDigit);

    public static bool IsQuestionWord(string word) => QuestionWords.Contains(word);

    public static bool IsAntonym(string word) => Antonyms.Contains(word);

    public static bool IsCommonOpener(string word) => CommonOpeners.Contains(word);

    public static bool IsFunctionWord(string word) => FunctionWords.Contains(word);

    /// <summary>True when <paramref name="word"/> is <paramref name="other"/> with a negating prefix
    /// (<c>unsafe</c>/<c>safe</c>, <c>disconnect</c>/<c>connect</c>, <c>nonzero</c>/<c>zero</c>).</summary>
    public static bool NegatesByPrefix(string word, string other)
    {
        if (other.Length < 3 || word.Length <= other.Length || !word.EndsWith(other, StringComparison.Ordinal))
        {
            return false;
        }

        return word[..^other.Length] is "un" or "dis" or "in" or "im" or "il" or "ir" or "non" or "de" or "anti" or "mis" or "a";
    }

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
