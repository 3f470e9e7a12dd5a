namespace Trinity.Engine.Decode;

/// <summary>
/// Finds stop strings in streamed text even when they span token boundaries. Text that could still turn
/// into a stop string is held back; the stop string itself and anything after it are never emitted.
/// </summary>
internal sealed class StopStringMatcher(IReadOnlyList<string> stops)
{
    private readonly string[] _stops = stops.Where(s => s.Length > 0).ToArray();
    private string _held = string.Empty;

    public bool Stopped { get; private set; }

    /// <summary>Adds decoded text; returns the part that is safe to emit now.</summary>
    public string Push(string text)
    {
        if (Stopped || _stops.Length == 0)
        {
            return Stopped ? string.Empty : text;
        }

        var buffer = _held + text;
        var first = -1;
        foreach (var stop in _stops)
        {
            var at = buffer.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            Stopped = true;
            _held = string.Empty;
            return buffer[..first];
        }

        var keep = LongestStopPrefixSuffix(buffer);
        _held = buffer[^keep..];
        return buffer[..^keep];
    }

    /// <summary>Returns what is held back when the sequence ends for another reason.</summary>
    public string Flush()
    {
        var rest = _held;
        _held = string.Empty;
        return Stopped ? string.Empty : rest;
    }

    /// <summary>Length of the longest suffix of <paramref name="buffer"/> that is a proper prefix of a stop string.</summary>
    private int LongestStopPrefixSuffix(string buffer)
    {
        var best = 0;
        foreach (var stop in _stops)
        {
            for (var k = Math.Min(stop.Length - 1, buffer.Length); k > best; k--)
            {
                if (buffer.AsSpan(buffer.Length - k).SequenceEqual(stop.AsSpan(0, k)))
                {
                    best = k;
                    break;
                }
            }
        }

        return best;
    }
}
