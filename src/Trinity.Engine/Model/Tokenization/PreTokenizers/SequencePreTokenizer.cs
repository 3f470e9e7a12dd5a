namespace Trinity.Engine.Model.Tokenization.PreTokenizers;

/// <summary>Hugging Face's <c>Sequence</c>: each pre-tokenizer splits every piece the previous one produced.</summary>
internal sealed class SequencePreTokenizer : IPreTokenizer
{
    private readonly IPreTokenizer[] _steps;

    public SequencePreTokenizer(IPreTokenizer[] steps) => _steps = steps;

    public void Split(ReadOnlyMemory<char> piece, List<ReadOnlyMemory<char>> output)
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
            foreach (var part in current)
            {
                _steps[s].Split(part, target);
            }

            current = target;
        }
    }
}
