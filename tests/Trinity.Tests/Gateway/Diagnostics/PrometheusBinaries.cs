namespace Trinity.Tests.Gateway.Diagnostics;

/// <summary>Finds <c>prometheus</c> and <c>promtool</c> (Debian package <c>prometheus</c>) on PATH.</summary>
internal static class PrometheusBinaries
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException(
            $"'{name}' is not installed (Debian package 'prometheus'; .ci/run installs it). TRINITY_CI=1 makes this a failure.");
}
