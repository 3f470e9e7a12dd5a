using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Trinity.Tests.Engine.Cli;

/// <summary>The engine's command line, run as a real process.</summary>
public sealed class EngineCliTests
{
    private static readonly string EngineDll = Path.Combine(AppContext.BaseDirectory, "Trinity.Engine.dll");

    internal static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(EngineDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ORT_DISABLE_TELEMETRY"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Theory]
    [InlineData("builder", "fp32", "llama")]
    [InlineData("builder", "int4", "qwen2")]
    [InlineData("classic", "fp32", "llama")]
    public async Task ModelCreate_SameArguments_ByteIdenticalFiles(string layout, string precision, string arch)
    {
        var a = TestModels.TempDirectory("create-a");
        var b = TestModels.TempDirectory("create-b");
        string[] options = ["--layout", layout, "--precision", precision, "--arch", arch,
            "--layers", "2", "--hidden", "64", "--heads", "4", "--kv-heads", "1", "--vocab", "512", "--max-length", "256", "--seed", "9"];
        Assert.Equal(0, (await RunAsync(["model", "create", "--out", Path.Combine(a, "m"), .. options])).Code);
        Assert.Equal(0, (await RunAsync(["model", "create", "--out", Path.Combine(b, "m"), .. options])).Code);

        // The builder layout keeps its weights in model.onnx.data, the classic one inside model.onnx.
        var weights = layout == "builder" ? "model.onnx.data" : "model.onnx";
        Assert.Equal(layout == "builder", File.Exists(Path.Combine(a, "m", "model.onnx.data")));
        string[] files = ["genai_config.json", "model.onnx", weights, "tokenizer.json", "tokenizer_config.json"];
        foreach (var file in files)
        {
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(Path.Combine(a, "m", file))), SHA256.HashData(File.ReadAllBytes(Path.Combine(b, "m", file))));
        }

        var other = TestModels.TempDirectory("create-c");
        options[^1] = "10";
        Assert.Equal(0, (await RunAsync(["model", "create", "--out", Path.Combine(other, "m"), .. options])).Code);
        Assert.NotEqual(SHA256.HashData(File.ReadAllBytes(Path.Combine(a, "m", weights))), SHA256.HashData(File.ReadAllBytes(Path.Combine(other, "m", weights))));
    }

    [Theory]
    [InlineData("64", "4", "1")]
    [InlineData("64", "4", "4")]
    [InlineData("128", "8", "2")]
    public async Task Generate_TrinityAndGenAi_PrintIdenticalTokens(string hidden, string heads, string kvHeads)
    {
        var dir = Path.Combine(TestModels.TempDirectory("gqa"), "m");
        Assert.Equal(0, (await RunAsync("model", "create", "--out", dir, "--layers", "2", "--hidden", hidden, "--heads", heads, "--kv-heads", kvHeads, "--vocab", "600", "--max-length", "512")).Code);

        var trinity = await RunAsync("generate", "--model", dir, "--prompt", "Hello 世界 🎉", "--max-tokens", "16", "--json");
        var genai = await RunAsync("generate", "--model", dir, "--prompt", "Hello 世界 🎉", "--max-tokens", "16", "--backend", "genai", "--json");
        Assert.Equal(0, trinity.Code);
        Assert.Equal(0, genai.Code);
        using var t = JsonDocument.Parse(trinity.Out);
        using var g = JsonDocument.Parse(genai.Out);
        var tokens = t.RootElement.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.NotEmpty(tokens);
        Assert.Equal(g.RootElement.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()), tokens);
        Assert.Equal(g.RootElement.GetProperty("text").GetString(), t.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Generate_BadInput_OneLineErrorNoStackTrace()
    {
        var model = TestModels.TinyDirectory;
        var broken = TestModels.TempDirectory("broken");
        foreach (var file in Directory.GetFiles(model))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(Path.Combine(broken, "genai_config.json"), "{ \"model\": { \"type\": ");
        var longPrompt = string.Concat(Enumerable.Repeat("x y ", 3000));
        (string[] Args, string Expect)[] cases =
        [
            (["generate", "--model", "/nonexistent/model", "--prompt", "hi"], "does not exist"),
            (["generate", "--model", broken, "--prompt", "hi"], "not valid JSON"),
            (["generate", "--model", model, "--prompt", longPrompt], "context length"),
            (["generate", "--model", model, "--prompt", "hi", "--temperature", "3"], "--temperature"),
            (["generate", "--model", model, "--prompt", "hi", "--top-p", "0"], "--top-p"),
            (["generate", "--model", model, "--prompt", "hi", "--max-tokens", "-1"], "--max-tokens"),
            (["generate", "--model", model, "--prompt", "hi", "--backend", "vllm"], "--backend"),
            (["generate", "--model", model], "--prompt is required"),
            (["model", "create", "--out", broken + "/x", "--hidden", "60", "--heads", "7"], "multiple of --heads"),
            (["model", "create", "--out", broken + "/x", "--precision", "int8"], "--precision must be one of fp32, int4"),
            (["model", "create", "--out", broken + "/x", "--layout", "foo"], "--layout must be one of builder, classic"),
            (["model", "create", "--out", broken + "/x", "--arch", "gpt2"], "--arch must be one of llama, qwen2, phi3"),
            (["model", "create", "--out", broken + "/x", "--layout", "classic", "--precision", "int4"], "--layout classic supports only --precision fp32"),
            (["model", "create", "--out", broken + "/x", "--hidden", "64", "--heads", "8"], "multiple of 16"),
        ];
        foreach (var (args, expect) in cases)
        {
            var (code, _, err) = await RunAsync(args);
            Assert.NotEqual(0, code);
            var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"expected one line for {string.Join(' ', args.Take(4))}, got:\n{err}");
            Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
            Assert.Contains(expect, lines[0], StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
    }
}
