namespace Trinity.Tests.Tokenization.SentencePiece;

/// <summary>Test classes in this collection share one <see cref="SpmStyleOracleFixture"/> (folders written and the
/// Hugging Face oracle run once).</summary>
[CollectionDefinition(Name)]
public sealed class SpmStyleOracleCollection : ICollectionFixture<SpmStyleOracleFixture>
{
    public const string Name = "SentencePiece-style tokenizer oracles";
}
