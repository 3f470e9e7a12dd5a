namespace Trinity.Tokenization.Training;

/// <summary>The two tokenizer files of a model folder, as text.</summary>
/// <param name="TokenizerJson">Contents of <c>tokenizer.json</c>.</param>
/// <param name="TokenizerConfigJson">Contents of <c>tokenizer_config.json</c>.</param>
public sealed record TokenizerFiles(string TokenizerJson, string TokenizerConfigJson)
{
    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>: beginning of text, end of text and padding.</summary>
    public required int EndOfTextId { get; init; }

    /// <summary>Id of <c>&lt;|im_start|&gt;</c>, which opens a chat turn.</summary>
    public required int ImStartId { get; init; }

    /// <summary>Id of <c>&lt;|im_end|&gt;</c>, which closes a chat turn (generation stops there in chat).</summary>
    public required int ImEndId { get; init; }

    /// <summary>Writes <c>tokenizer.json</c> and <c>tokenizer_config.json</c> (UTF-8, no BOM) into <paramref name="folder"/>.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), TokenizerJson);
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), TokenizerConfigJson);
    }
}
