using Microsoft.Extensions.Configuration;

namespace Trinity.Engine.Hosting;

/// <summary>The folder holding models, collections and logs: configuration key <c>Trinity:Home</c>,
/// else environment variable <c>TRINITY_HOME</c>, else <c>~/.trinity</c>.</summary>
public static class TrinityHome
{
    public const string ConfigurationKey = "Trinity:Home";
    public const string EnvironmentVariable = "TRINITY_HOME";

    public static string Resolve(IConfiguration? configuration = null)
    {
        var configured = configuration?[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".trinity");
        }

        return Path.GetFullPath(configured);
    }

    /// <summary>Where models live: <c>{home}/models</c>.</summary>
    public static string Models(string home) => Path.Combine(home, "models");
}
