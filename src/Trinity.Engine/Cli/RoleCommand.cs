using System.CommandLine;

namespace Trinity.Engine.Cli;

/// <summary>The root command: <c>--role prefill|decode|vector</c> hosts one role. Arguments it does not declare (ASP.NET
/// Core settings such as <c>--Trinity:Engine:MaxBatchSize 32</c>) pass through to the host's configuration.</summary>
internal static class RoleCommand
{
    public static RootCommand CreateRoot()
    {
        var role = CliOptions.Choice("--role", "Host one role as a server", "prefill", "decode", "vector");
        var urls = CliOptions.String("--urls", "HTTP/1.1 listen address: /health, /metrics (default http://127.0.0.1:8101)");
        var internalUrls = CliOptions.String("--internal-urls", "HTTP/2 listen address between gateways and engines (default: the next port)");
        var model = CliOptions.String("--model", "Model folder (Trinity:Model:Path)");
        var home = CliOptions.String("--home", "Home folder (Trinity:Home)");
        var root = new RootCommand("""
            Trinity's engine: a prefill, decode or vector-pool role as a server, or the model tools below.
            Other arguments of a role are ASP.NET Core settings, e.g. --Trinity:Engine:MaxBatchSize 32.
            """)
        {
            role, urls, internalUrls, model, home,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, _) =>
        {
            if (result.GetValue(role) is not { } chosen)
            {
                throw new CliUsageException(result.Tokens.Count == 0
                    ? "a command or --role is required; run with --help"
                    : $"unknown command '{string.Join(' ', result.Tokens.Take(2).Select(t => t.Value))}'; run with --help");
            }

            // The role host reads these as configuration (urls, internal-urls) or as its shorthands (--model, --home).
            var rest = new List<string>(result.UnmatchedTokens);
            foreach (var option in new[] { urls, internalUrls, model, home })
            {
                if (result.GetValue(option) is { } value)
                {
                    rest.AddRange([option.Name, value]);
                }
            }

            return RoleHost.RunAsync(chosen, [.. rest]);
        });
        return root;
    }
}
