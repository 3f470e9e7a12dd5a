return await Trinity.Engine.Hosting.EngineCli.RunAsync(args).ConfigureAwait(false);
