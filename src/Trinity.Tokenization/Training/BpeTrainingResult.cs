namespace Trinity.Tokenization.Training;

/// <summary>A trained byte-level BPE model.</summary>
/// <param name="Vocab">Token strings (byte-level alphabet) in id order.</param>
/// <param name="Merges">Merge rules in rank order.</param>
internal sealed record BpeTrainingResult(IReadOnlyList<string> Vocab, IReadOnlyList<(string Left, string Right)> Merges);
