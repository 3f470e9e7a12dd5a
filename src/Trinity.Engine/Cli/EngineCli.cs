using System.CommandLine;
using Trinity.Engine.Model;

namespace Trinity.Engine.Cli;

/// <summary>Command-line entry of <c>Trinity.Engine</c> (System.CommandLine): one-line errors, no stack traces, exit 2
/// on bad usage, 1 on a failure to run.</summary>
internal static class EngineCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = RoleCommand.CreateRoot();
        root.Subcommands.Add(ModelCreateCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());

        // "help" was a command word before System.CommandLine; it still prints the help.
        if (args is ["help", ..])
        {
            args = ["--help"];
        }

        // No response files: an argument starting with '@' is passed on as written (a role's settings may hold one).
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            return Fail(parsed.Errors[0].Message, 2);
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
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

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
