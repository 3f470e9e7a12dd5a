using Microsoft.Extensions.Configuration;

namespace Trinity.Common;

/// <summary>The home folder of models, collections and logs: configuration key <c>Trinity:Home</c>, else <c>TRINITY_HOME</c>,
/// else <c>~/.trinity</c>. Shared by every Trinity process.</summary>
public static class TrinityHome
{
    public const string ConfigurationKey = "Trinity:Home";

    public static string Resolve(IConfiguration? configuration = null)
    {
        var configured = configuration?[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = configuration?["TRINITY_HOME"];
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Environment.GetEnvironmentVariable("TRINITY_HOME");
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
