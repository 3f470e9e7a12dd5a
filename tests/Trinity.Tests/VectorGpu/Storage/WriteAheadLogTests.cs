using Trinity.VectorGpu.Storage;

namespace Trinity.Tests.VectorGpu.Storage;

public sealed class WriteAheadLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trinity-wal-").FullName;

    private string LogPath => Path.Combine(_folder, "wal.log");

    [Fact]
    public async Task Open_TornLastRecord_KeepsEveryEarlierRecordAndTruncates()
    {
        var intactLength = await WriteRecords(5);
        await using (var stream = new FileStream(LogPath, FileMode.Append))
        {
            // A crash in the middle of the sixth append: a header announcing 100 bytes, then only 10 of them.
            stream.Write([100, 0, 0, 0, 1, 2, 3, 4]);
            stream.Write(new byte[10]);
        }

        using var log = WriteAheadLog.Open(LogPath, out var records, out var dropped);

        Assert.Equal(5, records.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (byte)i), records.Select(r => r[0]));
        Assert.Equal(18, dropped);
        Assert.Equal(intactLength, new FileInfo(LogPath).Length);
    }

    [Fact]
    public async Task Open_CorruptByteInLastRecord_DropsOnlyThatRecord()
    {
        await WriteRecords(3);
        var bytes = await File.ReadAllBytesAsync(LogPath);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(LogPath, bytes);

        using var log = WriteAheadLog.Open(LogPath, out var records, out var dropped);

        Assert.Equal(2, records.Count);
        Assert.True(dropped > 0);
    }

    [Fact]
    public async Task Append_AfterTornTailWasDropped_NewRecordsReadBack()
    {
        await WriteRecords(2);
        await File.AppendAllTextAsync(LogPath, "garbage");
        using (var log = WriteAheadLog.Open(LogPath, out _, out _))
        {
            await log.FlushAsync(log.Append([42, 42]));
        }

        using var reopened = WriteAheadLog.Open(LogPath, out var records, out var dropped);
        Assert.Equal(3, records.Count);
        Assert.Equal([42, 42], records[2]);
        Assert.Equal(0, dropped);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<long> WriteRecords(int count)
    {
        using var log = WriteAheadLog.Open(LogPath, out _, out _);
        long position = 0;
        for (var i = 0; i < count; i++)
        {
            position = log.Append(Enumerable.Repeat((byte)i, 20 + i).ToArray());
        }

        await log.FlushAsync(position);
        return log.Length;
    }
}
