namespace Trinity.Engine.Model.BuiltIn;

/// <summary>Creates the built-in "trinity-tiny" model under the home folder on first use.</summary>
public static class BuiltInModels
{
    /// <summary>Returns the folder of trinity-tiny under <paramref name="modelsDirectory"/>, generating it when absent.
    /// A lock file keeps two processes starting at once from generating it twice.</summary>
    public static string EnsureTrinityTiny(string modelsDirectory)
    {
        var directory = Path.Combine(modelsDirectory, TinyModelSpec.DefaultName);
        if (IsComplete(directory))
        {
            return directory;
        }

        Directory.CreateDirectory(modelsDirectory);
        using var lockFile = AcquireLock(Path.Combine(modelsDirectory, $".{TinyModelSpec.DefaultName}.lock"));
        if (!IsComplete(directory))
        {
            BuiltInModelWriter.Write(new TinyModelSpec(), directory);
        }

        return directory;
    }

    private static bool IsComplete(string directory) =>
        File.Exists(Path.Combine(directory, "model.onnx")) && File.Exists(Path.Combine(directory, ModelConfigReader.FileName))
        && File.Exists(Path.Combine(directory, "tokenizer.json")) && File.Exists(Path.Combine(directory, "tokenizer_config.json"));

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
