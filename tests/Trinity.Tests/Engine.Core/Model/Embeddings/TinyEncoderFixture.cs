namespace Trinity.Tests.Engine.Core.Model.Embeddings;

/// <summary>One generated encoder folder per test class.</summary>
public sealed class TinyEncoderFixture : IDisposable
{
    private readonly string _directory = TestModels.TempDirectory("tiny-encoder");

    public TinyEncoderFixture() => Encoder = TinyEncoder.Create(_directory);

    internal TinyEncoder Encoder { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
