namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Hugging Face's <c>Split</c>: cuts at the matches of a pattern and keeps, drops or merges them as told.</summary>
internal sealed class SplitPreTokenizer : IPreTokenizer
{
    [ThreadStatic]
    private static List<(int Start, int Length)>? t_matches;

    [ThreadStatic]
    private static List<(int Start, int End, bool IsMatch)>? t_pieces;

    private readonly ISplitPattern _pattern;
    private readonly SplitBehavior _behavior;
    private readonly bool _invert;

    public SplitPreTokenizer(ISplitPattern pattern, SplitBehavior behavior, bool invert)
    {
        _pattern = pattern;
        _behavior = behavior;
        _invert = invert;
    }

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output)
    {
        var matches = t_matches ??= [];
        var pieces = t_pieces ??= [];
        matches.Clear();
        pieces.Clear();
        _pattern.FindMatches(piece.Span, matches);

        var previous = 0;
        foreach (var (start, length) in matches)
        {
            if (start > previous)
            {
                pieces.Add((previous, start, _invert));
            }

            pieces.Add((start, start + length, !_invert));
            previous = start + length;
        }

        if (previous < piece.Length)
        {
            pieces.Add((previous, piece.Length, _invert));
        }

        Emit(piece, pieces, output);
    }

    private void Emit(ReadOnlyMemory<char> piece, List<(int Start, int End, bool IsMatch)> pieces, List<ReadOnlyMemory<char>> output)
    {
        switch (_behavior)
        {
            case SplitBehavior.Isolated:
                foreach (var (start, end, _) in pieces)
                {
                    Add(piece, start, end, output);
                }

                break;
            case SplitBehavior.Removed:
                foreach (var (start, end, isMatch) in pieces)
                {
                    if (!isMatch)
                    {
                        Add(piece, start, end, output);
                    }
                }

                break;
            default:
                EmitMerged(piece, pieces, output);
                break;
        }
    }

    private void EmitMerged(ReadOnlyMemory<char> piece, List<(int Start, int End, bool IsMatch)> pieces, List<ReadOnlyMemory<char>> output)
    {
        // The same folds as Hugging Face's split(): a match joins its neighbour unless that neighbour is a match
        // itself (Contiguous instead joins runs of the same kind).
        var merged = new List<(int Start, int End)>(pieces.Count);
        var previousMatch = false;
        if (_behavior == SplitBehavior.MergedWithNext)
        {
            for (var i = pieces.Count - 1; i >= 0; i--)
            {
                var (start, end, isMatch) = pieces[i];
                if (isMatch && !previousMatch && merged.Count > 0)
                {
                    merged[^1] = (start, merged[^1].End);
                }
                else
                {
                    merged.Add((start, end));
                }

                previousMatch = isMatch;
            }

            merged.Reverse();
        }
        else
        {
            foreach (var (start, end, isMatch) in pieces)
            {
                var join = _behavior == SplitBehavior.Contiguous ? isMatch == previousMatch : isMatch && !previousMatch;
                if (join && merged.Count > 0)
                {
                    merged[^1] = (merged[^1].Start, end);
                }
                else
                {
                    merged.Add((start, end));
                }

                previousMatch = isMatch;
            }
        }

        foreach (var (start, end) in merged)
        {
            Add(piece, start, end, output);
        }
    }

    private static void Add(ReadOnlyMemory<char> piece, int start, int end, List<ReadOnlyMemory<char>> output)
    {
        if (end > start)
        {
            output.Add(piece[start..end]);
        }
    }
}
