using Trinity.Engine.Model;
using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Tests.Engine.Core.Model;

public sealed class ModelFingerprintTests
{
    [Fact]
    public void Compute_WeightsInDataFile_SeedChangesFingerprint()
    {
        var root = TestModels.TempDirectory("fingerprint");
        var spec = new TinyModelSpec { Layers = 1, Hidden = 64, Heads = 4, KvHeads = 2, Vocab = 400, MaxLength = 64, Seed = 1 };
        BuiltInModelWriter.Write(spec, Path.Combine(root, "a"));
        BuiltInModelWriter.Write(spec, Path.Combine(root, "b"));
        BuiltInModelWriter.Write(spec with { Seed = 2 }, Path.Combine(root, "c"));

        // model.onnx holds no weights in the builder layout: it is the same file for both seeds.
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a", "model.onnx")), File.ReadAllBytes(Path.Combine(root, "c", "model.onnx")));
        var config = ModelConfigReader.Read(Path.Combine(root, "a"));
        var a = ModelFingerprint.Compute(Path.Combine(root, "a"), config);
        Assert.Equal(a, ModelFingerprint.Compute(Path.Combine(root, "b"), config));
        Assert.NotEqual(a, ModelFingerprint.Compute(Path.Combine(root, "c"), config));
    }
}
