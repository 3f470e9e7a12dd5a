namespace Trinity.Tokenization;

/// <summary>What a pair of adjacent tokens merges into, and how early (lower rank merges first).</summary>
internal readonly record struct MergeRule(int Rank, int Id);
