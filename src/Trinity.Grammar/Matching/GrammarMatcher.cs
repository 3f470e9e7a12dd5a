using System.Numerics.Tensors;
using Trinity.Grammar.Automata;

namespace Trinity.Grammar.Matching;

/// <summary>
/// One sequence's position in a <see cref="CompiledGrammar"/>: gives the allowed-token mask for the next step and
/// advances by the sampled token. Owned by one sequence and used from one thread (the engine loop); its state is a
/// few small arrays, so constrained and free sequences share a batch freely. Nothing on the hot path allocates
/// once the buffers have grown to the grammar's needs.
/// </summary>
public sealed class GrammarMatcher
{
    private readonly CompiledGrammar _grammar;
    private readonly StackSet _stacks;

    internal GrammarMatcher(CompiledGrammar grammar)
    {
        _grammar = grammar;
        _stacks = new StackSet(grammar.Automaton);
    }

    /// <summary>An EOS token has been accepted: nothing more is allowed.</summary>
    public bool IsTerminated { get; private set; }

    /// <summary>The output so far is a complete value: EOS is allowed now.</summary>
    public bool CanEnd => !IsTerminated && _stacks.CanEnd;

    /// <summary>The grammar has ended and no text token can follow: only EOS is allowed.</summary>
    public bool IsCompleted => !IsTerminated && _stacks.Count == 0;

    /// <summary>Writes the allowed tokens of the next step, one bit per token id (bit <c>id % 32</c> of word
    /// <c>id / 32</c>), into <paramref name="bitmask"/> of at least <see cref="Vocabulary.TokenVocabulary.MaskWords"/> words.</summary>
    public void FillNextTokenMask(Span<uint> bitmask)
    {
        var vocabulary = _grammar.Vocabulary;
        var table = _grammar.Table;
        bitmask = bitmask[..vocabulary.MaskWords];
        bitmask.Clear();
        if (IsTerminated)
        {
            return;
        }

        for (var i = 0; i < _stacks.Count; i++)
        {
            var state = _stacks.StateAt(i);
            if (SeenBefore(i, state))
            {
                continue;
            }

            if (table.Dense(state) is { } dense)
            {
                TensorPrimitives.BitwiseOr(bitmask, dense, bitmask);
            }
            else
            {
                foreach (var id in table.Sparse(state))
                {
                    bitmask[id >> 5] |= 1u << (id & 31);
                }
            }
        }

        // Tokens that run past the end of their rule: decided against this configuration's real stack.
        for (var i = 0; i < _stacks.Count; i++)
        {
            foreach (var id in table.Uncertain(_stacks.StateAt(i)))
            {
                if ((bitmask[id >> 5] & (1u << (id & 31))) == 0 && _stacks.Accepts(i, vocabulary.BytesOf(id)))
                {
                    bitmask[id >> 5] |= 1u << (id & 31);
                }
            }
        }

        if (_stacks.CanEnd)
        {
            foreach (var eos in vocabulary.EosTokenIds)
            {
                bitmask[eos >> 5] |= 1u << (eos & 31);
            }
        }
    }

    /// <summary>Advances by <paramref name="tokenId"/>; false (and no change) if the grammar does not allow it.</summary>
    public bool Accept(int tokenId)
    {
        var vocabulary = _grammar.Vocabulary;
        if (IsTerminated || (uint)tokenId >= (uint)vocabulary.Count)
        {
            return false;
        }

        foreach (var eos in vocabulary.EosTokenIds)
        {
            if (eos == tokenId)
            {
                IsTerminated = _stacks.CanEnd;
                return IsTerminated;
            }
        }

        return !vocabulary.IsSpecial(tokenId) && _stacks.TryAdvance(vocabulary.BytesOf(tokenId));
    }

    /// <summary>Back to the start of the grammar, for reuse by another sequence.</summary>
    public void Reset()
    {
        IsTerminated = false;
        _stacks.Reset();
    }

    private bool SeenBefore(int index, int state)
    {
        for (var j = 0; j < index; j++)
        {
            if (_stacks.StateAt(j) == state)
            {
                return true;
            }
        }

        return false;
    }
}
