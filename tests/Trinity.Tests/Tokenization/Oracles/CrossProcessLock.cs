namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>An exclusive lock file, so that test processes running side by side fetch and convert only once.</summary>
internal static class CrossProcessLock
{
    public static FileStream Acquire(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
