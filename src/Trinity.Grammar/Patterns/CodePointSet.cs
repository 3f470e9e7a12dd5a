namespace Trinity.Grammar.Patterns;

/// <summary>A set of Unicode scalar values as sorted, disjoint, non-adjacent inclusive ranges.</summary>
internal sealed class CodePointSet
{
    public const int MaxCodePoint = 0x10FFFF;

    private readonly List<(int Lo, int Hi)> _ranges = [];

    public IReadOnlyList<(int Lo, int Hi)> Ranges => _ranges;

    public static CodePointSet Of(params ReadOnlySpan<(int Lo, int Hi)> ranges)
    {
        var set = new CodePointSet();
        foreach (var (lo, hi) in ranges)
        {
            set.Add(lo, hi);
        }

        return set;
    }

    public static CodePointSet Single(int c) => Of((c, c));

    public void Add(int lo, int hi)
    {
        _ranges.Add((lo, hi));
        _ranges.Sort();
        var merged = new List<(int Lo, int Hi)>();
        foreach (var r in _ranges)
        {
            if (merged.Count > 0 && r.Lo <= merged[^1].Hi + 1)
            {
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, r.Hi));
            }
            else
            {
                merged.Add(r);
            }
        }

        _ranges.Clear();
        _ranges.AddRange(merged);
    }

    public void AddAll(CodePointSet other)
    {
        foreach (var (lo, hi) in other._ranges)
        {
            Add(lo, hi);
        }
    }

    public CodePointSet Complement()
    {
        var result = new CodePointSet();
        var next = 0;
        foreach (var (lo, hi) in _ranges)
        {
            if (lo > next)
            {
                result.Add(next, lo - 1);
            }

            next = hi + 1;
        }

        if (next <= MaxCodePoint)
        {
            result.Add(next, MaxCodePoint);
        }

        return result;
    }

    public CodePointSet Intersect(int lo, int hi)
    {
        var result = new CodePointSet();
        foreach (var r in _ranges)
        {
            var a = Math.Max(lo, r.Lo);
            var b = Math.Min(hi, r.Hi);
            if (a <= b)
            {
                result.Add(a, b);
            }
        }

        return result;
    }

    public bool Contains(int c) => _ranges.Exists(r => r.Lo <= c && c <= r.Hi);
}
