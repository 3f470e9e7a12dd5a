namespace Trinity.Grammar.Automata;

/// <summary>A piece of an NFA under construction: entered at <see cref="Start"/>, left at <see cref="End"/>. Each
/// fragment is wired into the graph once; repeating a piece means building it again.</summary>
internal readonly record struct Fragment(int Start, int End);
