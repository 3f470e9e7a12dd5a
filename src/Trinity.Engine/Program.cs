return await Trinity.Engine.Cli.EngineCli.RunAsync(args).ConfigureAwait(false);
