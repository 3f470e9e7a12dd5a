namespace Trinity.Engine.Hosting;

/// <summary>Command-line entry of <c>Trinity.Engine</c>.</summary>
internal static class EngineCli
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.SkipWhile(a => a != "--role").Skip(1).FirstOrDefault() == "vector")
        {
            return VectorRoleHost.RunAsync(args);
        }

        Console.Error.WriteLine("usage: Trinity.Engine model create --out DIR | generate --model DIR --prompt TEXT | --role prefill|decode|vector");
        return Task.FromResult(args.Length == 0 ? 2 : 2);
    }
}
