return await Trinity.Bench.BenchCli.RunAsync(args).ConfigureAwait(false);
