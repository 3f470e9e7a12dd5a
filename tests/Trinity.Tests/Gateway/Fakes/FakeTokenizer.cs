using System.Text;
using Trinity.Tokenization;

namespace Trinity.Tests.Gateway.Fakes;

/// <summary>Byte-level tokenizer: ids 0–255 are UTF-8 bytes, 256 is the end-of-sequence token.</summary>
internal sealed class FakeTokenizer : ITokenizer
{
    public const int EosId = 256;

    public int VocabSize => 257;

    public int[] Encode(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => (int)b)];

    public int[] Encode(string text, bool addSpecialTokens) => Encode(text);

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        var bytes = new List<byte>(ids.Length);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (id == EosId)
            {
                text.Append(Encoding.UTF8.GetString([.. bytes]));
                bytes.Clear();
                if (!skipSpecialTokens)
                {
                    text.Append("<eos>");
                }

                continue;
            }

            bytes.Add((byte)id);
        }

        return text.Append(Encoding.UTF8.GetString([.. bytes])).ToString();
    }

    public IStreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) => new Decoder(this);

    public bool TryGetTokenId(string token, out int id)
    {
        id = EosId;
        return token == "<eos>";
    }

    public bool IsSpecial(int id) => id == EosId;

    public ReadOnlySpan<byte> TokenBytes(int id) => id == EosId ? "<eos>"u8 : (uint)id < 256 ? new[] { (byte)id } : [];

    private sealed class Decoder(FakeTokenizer tokenizer) : IStreamingDecoder
    {
        private readonly List<int> _pending = [];

        public string Push(int tokenId)
        {
            _pending.Add(tokenId);
            var text = tokenizer.Decode(_pending.ToArray(), skipSpecialTokens: true);
            if (text.EndsWith('\uFFFD'))
            {
                return string.Empty;
            }

            _pending.Clear();
            return text;
        }

        public string Flush()
        {
            var text = tokenizer.Decode(_pending.ToArray(), skipSpecialTokens: true);
            _pending.Clear();
            return text;
        }
    }
}
