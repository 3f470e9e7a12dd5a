using System.Diagnostics;
using System.Text.RegularExpressions;
using Trinity.Tests.Gateway.Retrieval.Ingestion;

namespace Trinity.Tests.Gateway;

/// <summary>
/// The README's curl examples, run as a new user would paste them, against the gateway serving the built-in model
/// (only the address differs: the test server listens on a free port instead of 8000).
/// </summary>
public sealed partial class ReadmeExamplesTests
{
    [Fact]
    public async Task ReadmeCurlExamples_EachWorksAsShown()
    {
        var curl = new[] { "/usr/bin/curl", "/bin/curl" }.FirstOrDefault(File.Exists);
        Assert.True(curl is not null, "curl is not installed (.ci/run installs the Debian package)");
        var commands = CurlCommands(await File.ReadAllTextAsync(Path.Combine(IngestionTestData.RepositoryRoot, "README.md")));
        Assert.True(commands.Count >= 5, $"expected the README's curl examples (models, chat, streamed chat, completions, embeddings), found {commands.Count}");

        await using var host = await GatewayHost.StartWithModelAsync(TestModels.TinyDirectory);
        var origin = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        foreach (var command in commands)
        {
            var (exitCode, output) = await RunAsync(curl!, command.Replace("http://127.0.0.1:8000", origin, StringComparison.Ordinal));
            Assert.True(exitCode == 0, $"`{command}` exited with {exitCode}: {output}");
            Assert.DoesNotContain("\"error\"", output, StringComparison.Ordinal);
            var expected = command switch
            {
                _ when command.Contains("\"stream\":true", StringComparison.Ordinal) => "data: [DONE]",
                _ when command.Contains("/v1/models", StringComparison.Ordinal) => "\"trinity-tiny\"",
                _ when command.Contains("/v1/chat/completions", StringComparison.Ordinal) => "\"chat.completion\"",
                _ when command.Contains("/v1/completions", StringComparison.Ordinal) => "\"text_completion\"",
                _ when command.Contains("/v1/embeddings", StringComparison.Ordinal) => "\"embedding\"",
                _ => throw new InvalidOperationException($"a README curl example this test does not know: {command}"),
            };
            Assert.True(output.Contains(expected, StringComparison.Ordinal), $"`{command}` printed no {expected}: {output}");
        }
    }

    /// <summary>The curl commands of the README's first <c>bash</c> block, continuation lines joined.</summary>
    private static List<string> CurlCommands(string readme)
    {
        var block = BashBlock().Matches(readme).Select(m => m.Groups[1].Value).First(b => b.Contains("curl ", StringComparison.Ordinal));
        var commands = new List<string>();
        var current = "";
        foreach (var line in block.Split('\n'))
        {
            var text = line.TrimEnd();
            if (current.Length == 0 && !text.StartsWith("curl ", StringComparison.Ordinal))
            {
                continue;
            }

            current += text.EndsWith('\\') ? text[..^1] + " " : text;
            if (!text.EndsWith('\\'))
            {
                commands.Add(current);
                current = "";
            }
        }

        return commands;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string curl, string command)
    {
        // The command as written ("curl ..."), with the curl that was found first on the PATH.
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = $"{Path.GetDirectoryName(curl)}:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after 30 s: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
