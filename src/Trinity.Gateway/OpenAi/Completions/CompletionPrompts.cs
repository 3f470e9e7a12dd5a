using Trinity.Gateway.Engines;
using Trinity.Gateway.Errors;
using Trinity.Gateway.OpenAi.Protocol;

namespace Trinity.Gateway.OpenAi.Completions;

/// <summary>Tokenises <c>prompt</c> (strings) or checks it (token ids against the vocabulary).</summary>
internal static class CompletionPrompts
{
    /// <summary>The token ids of every prompt and the text each one echoes.</summary>
    public static (IReadOnlyList<int[]> Tokens, IReadOnlyList<string> Texts) Prepare(TextOrTokens? prompt, IServedModel model)
    {
        if (prompt is null)
        {
            throw PipelineErrors.MissingParameter("prompt");
        }

        if (prompt.Count == 0)
        {
            throw PipelineErrors.Invalid("Invalid 'prompt': empty array. Expected at least one prompt.", "prompt", "empty_array");
        }

        var tokens = new int[prompt.Count][];
        var texts = new string[prompt.Count];
        if (prompt.Texts is { } strings)
        {
            for (var i = 0; i < strings.Count; i++)
            {
                tokens[i] = model.Tokenizer.Encode(strings[i]);
                texts[i] = strings[i];
            }

            return (tokens, texts);
        }

        var vocabulary = model.Tokenizer.VocabSize;
        var arrays = prompt.TokenArrays!;
        for (var i = 0; i < arrays.Count; i++)
        {
            var ids = arrays[i];
            for (var j = 0; j < ids.Length; j++)
            {
                if ((uint)ids[j] >= (uint)vocabulary)
                {
                    var param = arrays.Count == 1 ? $"prompt[{j}]" : $"prompt[{i}][{j}]";
                    throw PipelineErrors.OutOfRange(param, $"a token id between 0 and {vocabulary - 1}", ids[j]);
                }
            }

            tokens[i] = ids;
            texts[i] = model.Tokenizer.Decode(ids);
        }

        return (tokens, texts);
    }
}
