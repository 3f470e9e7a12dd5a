using Trinity.Contracts;
using Trinity.Gateway.OpenAi.Serving;
using Trinity.Tokenization;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>One choice's logprobs in the legacy completions shape, piece by piece (a stream chunk's tokens) and whole.
/// A token's <c>text_offset</c> is where its text starts in the choice's text (after an echoed prompt).</summary>
internal sealed class CompletionLogprobsBuilder(ITokenizer tokenizer, int startOffset)
{
    private readonly List<string> _tokens = [];
    private readonly List<float> _logprobs = [];
    private readonly List<IReadOnlyDictionary<string, float>> _top = [];
    private readonly List<int> _offsets = [];
    private int _offset = startOffset;

    /// <summary>Records the tokens' logprobs and returns them as this piece's <c>logprobs</c>.</summary>
    public CompletionLogprobs Add(TokenLogprob[]? logprobs)
    {
        var start = _tokens.Count;
        foreach (var logprob in logprobs ?? [])
        {
            var text = LogprobFormatter.Text(logprob.Token, tokenizer);
            _tokens.Add(text);
            _logprobs.Add(logprob.Logprob);
            var top = new Dictionary<string, float>(logprob.Top.Length, StringComparer.Ordinal);
            foreach (var alternative in logprob.Top)
            {
                // Two ids with the same text share an entry, as in OpenAI's map; the more likely one is kept.
                top.TryAdd(LogprobFormatter.Text(alternative.Token, tokenizer), alternative.Logprob);
            }

            _top.Add(top);
            _offsets.Add(_offset);
            _offset += text.Length;
        }

        return new CompletionLogprobs(_tokens[start..], _logprobs[start..], _top[start..], _offsets[start..]);
    }

    /// <summary>Everything recorded.</summary>
    public CompletionLogprobs Whole() => new(_tokens, _logprobs, _top, _offsets);
}
