using System.Buffers.Binary;
using System.IO.Hashing;
using Trinity.VectorGpu.Storage;

namespace Trinity.VectorGpu.Indexes;

/// <summary>Repair after deletes, and the graph's file: written with each snapshot so a restart does not rebuild it.</summary>
internal sealed partial class GraphIndex
{
    private static readonly byte[] Magic = "TRNGRF01"u8.ToArray();

    /// <summary>
    /// Rewires every live node that links to a deleted one through that node's own neighbours (pruned again), then
    /// unlinks the deleted nodes, which no walk can reach afterwards. Deterministic: new lists are computed in
    /// parallel from the old graph and applied together.
    /// </summary>
    public void Consolidate()
    {
        if (_tombstones.Count == 0)
        {
            return;
        }

        var affected = new List<int>();
        for (var node = 0; node < Count; node++)
        {
            if (!_deleted[node] && Neighbours(node).ToArray().Any(n => _deleted[n]))
            {
                affected.Add(node);
            }
        }

        var rewritten = new int[affected.Count][];
        Parallel.For(0, affected.Count, i =>
        {
            var node = affected[i];
            var candidates = new List<int>();
            foreach (var neighbour in Neighbours(node))
            {
                if (!_deleted[neighbour])
                {
                    Add(candidates, neighbour, node);
                    continue;
                }

                foreach (var second in Neighbours(neighbour))
                {
                    if (!_deleted[second])
                    {
                        Add(candidates, second, node);
                    }
                }
            }

            rewritten[i] = candidates.Count <= Degree ? [.. candidates] : Prune(node, Scored(node, candidates));
        });
        for (var i = 0; i < affected.Count; i++)
        {
            SetLinks(affected[i], rewritten[i]);
        }

        foreach (var node in _tombstones)
        {
            SetLinks(node, []);
        }

        _tombstones.Clear();
        if (Entry >= 0 && _deleted[Entry])
        {
            Entry = -1;
            for (var node = 0; node < Count && Entry < 0; node++)
            {
                if (!_deleted[node] && Links(node) > 0)
                {
                    Entry = node;
                }
            }

            if (Entry >= 0)
            {
                ChooseEntry();
            }
        }

        FindSeeds();

        static void Add(List<int> list, int candidate, int self)
        {
            if (candidate != self && !list.Contains(candidate))
            {
                list.Add(candidate);
            }
        }
    }

    /// <summary>
    /// Renumbers the graph after its store was compacted: node <c>live[i]</c> becomes node <c>i</c>, every other node is
    /// dropped. Repairs first, so no kept node links to a dropped one. The result is the graph a reload of a snapshot
    /// of the same rows would build from the graph file.
    /// </summary>
    public void Compact(ReadOnlySpan<int> live)
    {
        Consolidate();
        var ordinal = new int[Count];
        Array.Fill(ordinal, -1);
        for (var i = 0; i < live.Length; i++)
        {
            ordinal[live[i]] = i;
        }

        Span<int> mapped = stackalloc int[Degree];
        for (var i = 0; i < live.Length; i++)
        {
            var length = 0;
            foreach (var neighbour in Neighbours(live[i]))
            {
                if (ordinal[neighbour] >= 0)
                {
                    mapped[length++] = ordinal[neighbour];
                }
            }

            SetLinks(i, mapped[..length]);
        }

        for (var node = live.Length; node < Count; node++)
        {
            SetLinks(node, []);
        }

        Array.Clear(_deleted);
        _deadCount = 0;
        Count = live.Length;
        Entry = Entry >= 0 && Entry < ordinal.Length ? ordinal[Entry] : -1;
        if (Entry < 0 && Count > 0)
        {
            Entry = 0;
            ChooseEntry();
        }

        FindSeeds();
    }

    /// <summary>
    /// Writes the graph for the snapshot whose points are <paramref name="rows"/> (live rows in row order, which become
    /// rows 0…n−1 on reload), tagged with <paramref name="tag"/> (a checksum of the snapshot's ids) so that a graph
    /// file is only ever paired with its own snapshot. Call after <see cref="Consolidate"/>.
    /// </summary>
    public void Write(string path, IReadOnlyList<int> rows, uint tag)
    {
        var ordinal = new int[Count];
        Array.Fill(ordinal, -1);
        for (var i = 0; i < rows.Count; i++)
        {
            ordinal[rows[i]] = i;
        }

        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Degree);
            writer.Write(rows.Count);
            writer.Write(Entry >= 0 ? ordinal[Entry] : -1);
            writer.Write(tag);
            writer.Write(_entryChosenAt);
            foreach (var row in rows)
            {
                var neighbours = Neighbours(row);
                writer.Write(neighbours.Length);
                foreach (var neighbour in neighbours)
                {
                    writer.Write(ordinal[neighbour]);
                }
            }
        }

        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            stream.Write(bytes);
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, bytes));
            stream.Write(crc);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Loads a graph file onto rows 0…n−1; false (graph untouched) when it is absent, damaged or not this snapshot's.</summary>
    public bool TryRead(string path, int count, uint tag)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 28 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, bytes.AsSpan(0, bytes.Length - 4)) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)))
        {
            return false;
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bytes.Length - 4 - Magic.Length));
        if (reader.ReadInt32() != Degree || reader.ReadInt32() != count)
        {
            return false;
        }

        var entry = reader.ReadInt32();
        if (reader.ReadUInt32() != tag)
        {
            return false;
        }

        var entryChosenAt = reader.ReadInt32();
        EnsureCapacity(count);
        Span<int> neighbours = stackalloc int[Degree];
        for (var node = 0; node < count; node++)
        {
            var length = reader.ReadInt32();
            if (length < 0 || length > Degree)
            {
                return false;
            }

            for (var j = 0; j < length; j++)
            {
                neighbours[j] = reader.ReadInt32();
            }

            SetLinks(node, neighbours[..length]);
        }

        Count = Math.Max(Count, count);
        Entry = entry;
        _entryChosenAt = entryChosenAt;
        FindSeeds();
        return true;
    }
}
