namespace Trinity.Engine.Cli;

/// <summary>Bad command-line input; printed as one line, exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
