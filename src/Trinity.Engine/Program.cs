using System.Globalization;

// ICU is on (tokenizer normalization), so the process culture would follow the host's locale; messages and numbers
// on the wire must not.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
return await Trinity.Engine.Cli.EngineCli.RunAsync(args).ConfigureAwait(false);
