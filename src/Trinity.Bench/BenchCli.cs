using System.CommandLine;

namespace Trinity.Bench;

/// <summary>Command-line entry of <c>Trinity.Bench</c> (System.CommandLine): the commands, their help, one-line errors
/// and exit code 2 on bad usage. Each command's options are read by <see cref="BenchArguments"/> from the arguments
/// after its name. A new command is one more <see cref="BenchCommands"/> line.</summary>
internal static class BenchCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Trinity's benchmarks: engine, vector pool, scheduler, serving load, ingestion, local cluster.");
        foreach (var command in BenchCommands.All())
        {
            root.Subcommands.Add(command);
        }

        root.SetAction(_ => Usage());

        // No response files: '@' in an argument (a file name, an API key) is passed on as written.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            return Fail(parsed.Errors[0].Message);
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return Fail(ex.Message);
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine($"usage: Trinity.Bench {string.Join('|', BenchCommands.All().Select(c => c.Name))} [options]; --help for more");
        return 2;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
