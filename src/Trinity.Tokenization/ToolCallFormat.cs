namespace Trinity.Tokenization;

/// <summary>How a model family writes a tool call in its output (what its chat template teaches it).</summary>
public enum ToolCallFormat
{
    /// <summary>Hermes / Qwen2.5: <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c>, one block per call.
    /// Also what Trinity teaches a model whose template does not render tools.</summary>
    Hermes,

    /// <summary>Llama 3.1: a JSON object <c>{"name": …, "parameters": {…}}</c>, optionally after <c>&lt;|python_tag|&gt;</c>.</summary>
    Llama3Json,

    /// <summary>Mistral: <c>[TOOL_CALLS][{"name": …, "arguments": {…}}, …]</c>.</summary>
    Mistral,
}
