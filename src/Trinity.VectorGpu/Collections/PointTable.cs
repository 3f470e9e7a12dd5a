using System.Text.Json;

namespace Trinity.VectorGpu.Collections;

/// <summary>Ids, payloads and liveness by row; the id → row map for upserts and deletes.</summary>
internal sealed class PointTable
{
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<string?> _ids = [];
    private readonly List<JsonElement?> _payloads = [];
    private bool[] _live = new bool[16];

    public int LiveCount => _rows.Count;

    public int RowCount => _ids.Count;

    public bool TryGetRow(string id, out int row) => _rows.TryGetValue(id, out row);

    public bool IsLive(int row) => (uint)row < (uint)_ids.Count && _live[row];

    public string IdOf(int row) => _ids[row] ?? throw new InvalidOperationException($"row {row} is dead");

    public JsonElement? PayloadOf(int row) => _payloads[row];

    /// <summary>Registers a new row (rows are handed out in order, matching <see cref="VectorStore.Append"/>).</summary>
    public void Add(int row, string id, JsonElement? payload)
    {
        if (row != _ids.Count)
        {
            throw new InvalidOperationException($"row {row} added out of order (next is {_ids.Count})");
        }

        if (row == _live.Length)
        {
            Array.Resize(ref _live, _live.Length * 2);
        }

        _ids.Add(id);
        _payloads.Add(payload);
        _live[row] = true;
        _rows[id] = row;
    }

    public void SetPayload(int row, JsonElement? payload) => _payloads[row] = payload;

    public void Remove(int row)
    {
        var id = _ids[row];
        if (id is null)
        {
            return;
        }

        _rows.Remove(id);
        _ids[row] = null;
        _payloads[row] = null;
        _live[row] = false;
    }

    /// <summary>Rows deleted and not yet reclaimed.</summary>
    public int DeadCount => _ids.Count - _rows.Count;

    /// <summary>Renumbers the live rows 0…n−1 in row order (as a reload would); returns their old numbers, ascending.</summary>
    public int[] Compact()
    {
        var live = LiveRows().ToArray();
        for (var i = 0; i < live.Length; i++)
        {
            var id = _ids[live[i]]!;
            _ids[i] = id;
            _payloads[i] = _payloads[live[i]];
            _rows[id] = i;
        }

        _ids.RemoveRange(live.Length, _ids.Count - live.Length);
        _payloads.RemoveRange(live.Length, _payloads.Count - live.Length);
        Array.Clear(_live);
        _live.AsSpan(0, live.Length).Fill(true);
        return live;
    }

    /// <summary>Live rows in row order.</summary>
    public IEnumerable<int> LiveRows()
    {
        for (var row = 0; row < _ids.Count; row++)
        {
            if (_live[row])
            {
                yield return row;
            }
        }
    }
}
