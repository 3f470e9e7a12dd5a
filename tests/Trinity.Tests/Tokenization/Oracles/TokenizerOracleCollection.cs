namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>Test classes in this collection share one <see cref="TokenizerOracleFixture"/> (npm and node run once).</summary>
[CollectionDefinition(Name)]
public sealed class TokenizerOracleCollection : ICollectionFixture<TokenizerOracleFixture>
{
    public const string Name = "Tokenizer oracles";
}
