using Trinity.Engine.Model;
using Trinity.Engine.Model.BuiltIn;

namespace Trinity.Tests;

/// <summary>The built-in model, generated once per machine into a temp folder shared by all tests (and test
/// processes: generation is deterministic and guarded by a lock file).</summary>
internal static class TestModels
{
    public static readonly string ModelsRoot = Path.Combine(Path.GetTempPath(), "trinity-tests", "models-v2");
    private static readonly Lazy<string> Tiny = new(() => BuiltInModels.EnsureTrinityTiny(ModelsRoot));
    private static readonly Lazy<ModelFolder> TinyFolder = new(() => ModelFolder.Open(Tiny.Value));

    public static string TinyDirectory => Tiny.Value;

    public static ModelFolder TinyModel => TinyFolder.Value;

    /// <summary>A fresh temporary folder under the test root.</summary>
    public static string TempDirectory(string hint)
    {
        var path = Path.Combine(Path.GetTempPath(), "trinity-tests", $"{hint}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
