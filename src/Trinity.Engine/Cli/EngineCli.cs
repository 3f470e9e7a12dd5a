using Trinity.Engine.Model;

namespace Trinity.Engine.Cli;

/// <summary>Command-line entry of <c>Trinity.Engine</c>: one-line errors, no stack traces, exit 2 on bad usage.</summary>
internal static class EngineCli
{
    private const string Usage = """
        usage:
          Trinity.Engine model create --out DIR [--layers N --hidden N --heads N --kv-heads N --vocab N --max-length N --seed N]
                                      [--layout builder|classic --precision fp32|int4 --arch llama|qwen2|phi3]
          Trinity.Engine generate --model DIR --prompt TEXT --max-tokens N [--backend trinity|genai] [--temperature T --top-p P --top-k K --seed S] [--chat] [--json]
          Trinity.Engine --role prefill|decode|vector [--urls URL] [--model DIR] [--home DIR]
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args switch
            {
                ["model", "create", .. var rest] => ModelCreateCommand.Run(new CliArguments(rest)),
                ["generate", .. var rest] => await GenerateCommand.RunAsync(new CliArguments(rest)).ConfigureAwait(false),
                ["help" or "--help" or "-h", ..] => PrintUsage(0),
                [] => PrintUsage(2),
                _ => await RunRoleOrFailAsync(args).ConfigureAwait(false),
            };
        }
        catch (CliUsageException ex)
        {
            return Fail(ex.Message, 2);
        }
        catch (ModelFormatException ex)
        {
            return Fail(ex.Message, 1);
        }
        catch (ArgumentException ex)
        {
            return Fail(ex.Message, 2);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(ex.Message, 1);
        }
    }

    private static Task<int> RunRoleOrFailAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--role");
        if (at < 0)
        {
            throw new CliUsageException($"unknown command '{string.Join(' ', args.Take(2))}'; run with --help");
        }

        if (at + 1 >= args.Length)
        {
            throw new CliUsageException("--role needs a value: prefill, decode or vector");
        }

        var role = args[at + 1];
        var rest = args.Where((_, i) => i != at && i != at + 1).ToArray();
        return RoleHost.RunAsync(role, rest);
    }

    private static int PrintUsage(int code)
    {
        (code == 0 ? Console.Out : Console.Error).WriteLine(Usage);
        return code;
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
