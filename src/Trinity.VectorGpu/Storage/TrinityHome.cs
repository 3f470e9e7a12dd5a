using Microsoft.Extensions.Configuration;

namespace Trinity.VectorGpu.Storage;

/// <summary>The home folder: configuration key <c>Trinity:Home</c>, else <c>TRINITY_HOME</c>, else <c>~/.trinity</c>.</summary>
internal static class TrinityHome
{
    public static string Resolve(IConfiguration? configuration)
    {
        var configured = configuration?["Trinity:Home"];
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
}
