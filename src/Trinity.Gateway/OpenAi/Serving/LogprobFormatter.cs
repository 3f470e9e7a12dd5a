using System.Text;
using Trinity.Contracts;
using Trinity.Gateway.OpenAi.Chat;
using Trinity.Tokenization;

namespace Trinity.Gateway.OpenAi.Serving;

/// <summary>Engine logprobs in OpenAI's shapes. A token's text is its bytes as UTF-8 (a token ending inside a character
/// shows U+FFFD; its <c>bytes</c> are exact, as OpenAI's are).</summary>
internal static class LogprobFormatter
{
    public static ChatTokenLogprob Chat(TokenLogprob logprob, ITokenizer tokenizer)
    {
        var top = new ChatTopLogprob[logprob.Top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var (text, bytes) = Token(logprob.Top[i].Token, tokenizer);
            top[i] = new ChatTopLogprob(text, logprob.Top[i].Logprob, bytes);
        }

        var (token, tokenBytes) = Token(logprob.Token, tokenizer);
        return new ChatTokenLogprob(token, logprob.Logprob, tokenBytes, top);
    }

    public static string Text(int token, ITokenizer tokenizer) => Encoding.UTF8.GetString(tokenizer.TokenBytes(token));

    private static (string Text, int[] Bytes) Token(int token, ITokenizer tokenizer)
    {
        var bytes = tokenizer.TokenBytes(token);
        var values = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            values[i] = bytes[i];
        }

        return (Encoding.UTF8.GetString(bytes), values);
    }
}
