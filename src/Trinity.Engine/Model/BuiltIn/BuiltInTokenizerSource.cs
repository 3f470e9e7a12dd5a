using System.Text;
using System.Text.Json;

namespace Trinity.Engine.Model.BuiltIn;

/// <summary>The tokenizer files of the built-in model.</summary>
internal static class BuiltInTokenizerSource
{
    public const string EndOfText = "<|endoftext|>";
    public const string StartOfTurn = "<|im_start|>";
    public const string EndOfTurn = "<|im_end|>";

    public static (string TokenizerJson, string TokenizerConfigJson) Create(int vocabSize, int maxLength)
    {
        _ = vocabSize;
        var byteChars = ByteLevelAlphabet();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            json.WriteStartArray("added_tokens");
            string[] specials = [EndOfText, StartOfTurn, EndOfTurn];
            for (var i = 0; i < specials.Length; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("id", 256 + i);
                json.WriteString("content", specials[i]);
                json.WriteBoolean("single_word", false);
                json.WriteBoolean("lstrip", false);
                json.WriteBoolean("rstrip", false);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNull("normalizer");
            json.WriteStartObject("pre_tokenizer");
            json.WriteString("type", "ByteLevel");
            json.WriteBoolean("add_prefix_space", false);
            json.WriteBoolean("trim_offsets", true);
            json.WriteBoolean("use_regex", true);
            json.WriteEndObject();
            json.WriteNull("post_processor");
            json.WriteStartObject("decoder");
            json.WriteString("type", "ByteLevel");
            json.WriteBoolean("add_prefix_space", true);
            json.WriteBoolean("trim_offsets", true);
            json.WriteBoolean("use_regex", true);
            json.WriteEndObject();
            json.WriteStartObject("model");
            json.WriteString("type", "BPE");
            json.WriteNull("dropout");
            json.WriteNull("unk_token");
            json.WriteNull("continuing_subword_prefix");
            json.WriteNull("end_of_word_suffix");
            json.WriteBoolean("fuse_unk", false);
            json.WriteBoolean("byte_fallback", false);
            json.WriteStartObject("vocab");
            for (var b = 0; b < 256; b++)
            {
                json.WriteNumber(byteChars[b].ToString(), b);
            }

            json.WriteEndObject();
            json.WriteStartArray("merges");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var config = $$$"""
        {
          "add_bos_token": false,
          "bos_token": "{{{EndOfText}}}",
          "eos_token": "{{{EndOfTurn}}}",
          "pad_token": "{{{EndOfText}}}",
          "model_max_length": {{{maxLength}}},
          "tokenizer_class": "GPT2Tokenizer",
          "chat_template": "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
        }
        """;
        return (Encoding.UTF8.GetString(buffer.ToArray()), config);
    }

    private static char[] ByteLevelAlphabet()
    {
        var chars = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            chars[b] = printable ? (char)b : (char)next++;
        }

        return chars;
    }
}
