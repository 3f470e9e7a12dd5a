namespace Trinity.Tokenization.PreTokenizers;

/// <summary>Hugging Face's <c>Sequence</c>: each pre-tokenizer splits every piece the previous one produced.</summary>
internal sealed class SequencePreTokenizer : IPreTokenizer
{
    private readonly IPreTokenizer[] _steps;

    public SequencePreTokenizer(IPreTokenizer[] steps) => _steps = steps;

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output) => Split(piece, startsText: true, output);

    /// <summary>Only the first piece of each step can still start the text.</summary>
    public void Split(ReadOnlyMemory<char> piece, bool startsText, List<ReadOnlyMemory<char>> output)
    {
        if (_steps.Length == 0)
        {
            output.Add(piece);
            return;
        }

        List<ReadOnlyMemory<char>> current = [piece];
        for (var s = 0; s < _steps.Length; s++)
        {
            var target = s == _steps.Length - 1 ? output : new List<ReadOnlyMemory<char>>(current.Count * 2);
            for (var p = 0; p < current.Count; p++)
            {
                _steps[s].Split(current[p], startsText && p == 0, target);
            }

            current = target;
        }
    }
}
