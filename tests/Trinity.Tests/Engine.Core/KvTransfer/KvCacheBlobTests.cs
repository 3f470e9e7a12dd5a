using Trinity.Contracts;
using Trinity.Engine.Decode;
using Trinity.Engine.Hosting;
using Trinity.Engine.KvTransfer;
using Trinity.Engine.Model;

namespace Trinity.Tests.Engine.Core.KvTransfer;

public sealed class KvCacheBlobTests
{
    private static async Task<(InProcessEngine Engine, GenerationRequest Request, PrefillResult Prefill)> PrefillAsync()
    {
        var engine = new InProcessEngine(TestModels.TinyModel, new EngineOptions());
        var request = EngineTestExtensions.Request(TestModels.TinyModel.Tokenizer.Encode("a blob to corrupt"), 8);
        return (engine, request, await engine.PrefillAsync(request, CancellationToken.None));
    }

    [Theory]
    [InlineData(KvCacheBlob.HeaderSize + 3, "payload checksum")]
    [InlineData(20, "header checksum")]
    [InlineData(0, "bad magic")]
    public async Task Import_CorruptedByte_IsRejectedWithClearError(int offset, string expected)
    {
        var (engine, request, prefill) = await PrefillAsync();
        using (engine)
        {
            var blob = (byte[])prefill.KvBlob.Clone();
            blob[offset] ^= 0x40;
            var error = Assert.Throws<KvFormatException>(() => engine.ContinueAsync(request, prefill with { KvBlob = blob }, CancellationToken.None));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.Equal(offset == 0 ? KvFailure.Format : KvFailure.Checksum, error.Reason);
        }
    }

    [Fact]
    public async Task Import_FrameOfOlderVersion_IsRefusedByVersion()
    {
        var (engine, request, prefill) = await PrefillAsync();
        using (engine)
        {
            var blob = (byte[])prefill.KvBlob.Clone();
            blob[4] = 2;
            blob[5] = 0;
            var error = Assert.Throws<KvFormatException>(() => engine.ContinueAsync(request, prefill with { KvBlob = blob }, CancellationToken.None));
            Assert.Contains("version 2 is not supported", error.Message, StringComparison.Ordinal);
            Assert.Equal(KvFailure.Format, error.Reason);
        }
    }

    [Fact]
    public async Task Import_TruncatedBlob_IsRejected()
    {
        var (engine, request, prefill) = await PrefillAsync();
        using (engine)
        {
            var error = Assert.Throws<KvFormatException>(() => engine.ContinueAsync(request, prefill with { KvBlob = prefill.KvBlob[..^16] }, CancellationToken.None));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
            Assert.Throws<KvFormatException>(() => engine.ContinueAsync(request, prefill with { KvBlob = prefill.KvBlob[..10] }, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Import_BlobFromAnotherModel_IsRejected()
    {
        var (engine, request, prefill) = await PrefillAsync();
        using (engine)
        {
            using var kv = KvCacheBlob.Import(prefill.KvBlob, TestModels.TinyModel.Config, TestModels.TinyModel.Fingerprint, engine.Layout);
            var foreign = KvCacheBlob.Export(kv, 0, 0, kv.Length, TestModels.TinyModel.Config, TestModels.TinyModel.Fingerprint ^ 1, engine.Layout);
            var error = Assert.Throws<KvFormatException>(() => engine.ContinueAsync(request, prefill with { KvBlob = foreign }, CancellationToken.None));
            Assert.Contains("different model", error.Message, StringComparison.Ordinal);
            Assert.Equal(KvFailure.Fingerprint, error.Reason);

            var otherLayout = engine.Layout == KvLayout.Classic ? KvLayout.SharedBuffer : KvLayout.Classic;
            var layoutBlob = KvCacheBlob.Export(kv, 0, 0, kv.Length, TestModels.TinyModel.Config, TestModels.TinyModel.Fingerprint, otherLayout);
            var layoutError = Assert.Throws<KvFormatException>(() => engine.ContinueAsync(request, prefill with { KvBlob = layoutBlob }, CancellationToken.None));
            Assert.Equal(KvFailure.Layout, layoutError.Reason);

            var otherShape = TestModels.TinyModel.Config with { NumLayers = 2 };
            var shapeError = Assert.Throws<KvFormatException>(() => KvCacheBlob.Import(prefill.KvBlob, otherShape, TestModels.TinyModel.Fingerprint, engine.Layout));
            Assert.Contains("does not match the model", shapeError.Message, StringComparison.Ordinal);
            Assert.Equal(KvFailure.Layout, shapeError.Reason);
        }
    }

    [Fact]
    public async Task Import_PromptLengthMismatch_IsRejected()
    {
        var (engine, request, prefill) = await PrefillAsync();
        using (engine)
        {
            var longer = request with { PromptTokens = [.. request.PromptTokens, 65] };
            Assert.Throws<KvFormatException>(() => engine.ContinueAsync(longer, prefill, CancellationToken.None));
        }
    }
}
