using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Trinity.VectorGpu.Storage;

/// <summary>
/// A collection's append-only log: records framed as [length u32][CRC-32C u32][payload] after an 8-byte magic.
/// Appends happen under the collection's lock (so the log order is the apply order); acknowledging waits for
/// <see cref="FlushAsync"/>, whose fsync is shared by every writer that appended before it started (group commit).
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    public const int HeaderLength = 8;
    public const int MaxRecordLength = 256 * 1024 * 1024;
    private static readonly byte[] Magic = "TRNWAL01"u8.ToArray();

    private readonly SafeFileHandle _handle;
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private long _fileLength;
    private long _appended;
    private long _durable;

    private WriteAheadLog(SafeFileHandle handle, long fileLength)
    {
        _handle = handle;
        _fileLength = fileLength;
    }

    /// <summary>Bytes in the file now.</summary>
    public long Length => Interlocked.Read(ref _fileLength);

    /// <summary>
    /// Opens (or creates) the log and returns its intact records. A torn or corrupt tail (a crash mid-append)
    /// is cut off: <paramref name="droppedBytes"/> says how much, everything before it is returned.
    /// </summary>
    public static WriteAheadLog Open(string path, out List<byte[]> records, out long droppedBytes)
    {
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var length = RandomAccess.GetLength(handle);
            records = [];
            droppedBytes = 0;
            var header = new byte[HeaderLength];
            if (length < HeaderLength || RandomAccess.Read(handle, header, 0) < HeaderLength || !header.AsSpan().SequenceEqual(Magic))
            {
                droppedBytes = length;
                RandomAccess.SetLength(handle, 0);
                RandomAccess.Write(handle, Magic, 0);
                RandomAccess.FlushToDisk(handle);
                return new WriteAheadLog(handle, HeaderLength);
            }

            var good = ReadRecords(handle, length, records);
            if (good < length)
            {
                droppedBytes = length - good;
                RandomAccess.SetLength(handle, good);
                RandomAccess.FlushToDisk(handle);
            }

            return new WriteAheadLog(handle, good);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends one record (not yet durable) and returns the position to pass to <see cref="FlushAsync"/>.</summary>
    public long Append(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxRecordLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), "log record too large");
        }

        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, payload));
        payload.CopyTo(frame.AsSpan(8));
        RandomAccess.Write(_handle, frame, _fileLength);
        Interlocked.Add(ref _fileLength, frame.Length);
        return Interlocked.Add(ref _appended, frame.Length);
    }

    /// <summary>Returns once everything appended up to <paramref name="position"/> is on disk.</summary>
    public async Task FlushAsync(long position)
    {
        if (Interlocked.Read(ref _durable) >= position)
        {
            return;
        }

        await _flushGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Read(ref _durable) >= position)
            {
                return;
            }

            var target = Interlocked.Read(ref _appended);
            RandomAccess.FlushToDisk(_handle);
            Interlocked.Exchange(ref _durable, target);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>Empties the log after a snapshot that covers every appended record has been made durable.</summary>
    public void Reset()
    {
        RandomAccess.SetLength(_handle, HeaderLength);
        RandomAccess.FlushToDisk(_handle);
        Interlocked.Exchange(ref _fileLength, HeaderLength);
        Interlocked.Exchange(ref _durable, Interlocked.Read(ref _appended));
    }

    public void Dispose()
    {
        _handle.Dispose();
        _flushGate.Dispose();
    }

    private static long ReadRecords(SafeFileHandle handle, long length, List<byte[]> records)
    {
        var offset = (long)HeaderLength;
        var frame = new byte[8];
        while (offset + 8 <= length)
        {
            RandomAccess.Read(handle, frame, offset);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(frame);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(4));
            if (size > MaxRecordLength || offset + 8 + size > length)
            {
                break;
            }

            var payload = new byte[size];
            if (RandomAccess.Read(handle, payload, offset + 8) != size || Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, payload) != crc)
            {
                break;
            }

            records.Add(payload);
            offset += 8 + size;
        }

        return offset;
    }
}
