namespace Trinity.Gateway.OpenAi.Structured;

/// <summary>What <c>tool_choice</c> asks of the model.</summary>
internal enum ToolChoiceMode
{
    /// <summary>No tools: they are neither rendered nor called.</summary>
    None,

    /// <summary>The model decides; its output is parsed for calls in its template's format.</summary>
    Auto,

    /// <summary>At least one call, to any tool: the output is constrained to calls.</summary>
    Required,

    /// <summary>A call to one named function: the output is constrained to its arguments.</summary>
    Named,
}
