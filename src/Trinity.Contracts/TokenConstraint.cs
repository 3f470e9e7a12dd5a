namespace Trinity.Contracts;

/// <summary>
/// What a sequence's output must match, enforced token by token by grammar-constrained decoding: at every step the
/// engine allows only tokens that keep the output a prefix of a valid value, and end-of-sequence only where the value
/// is complete. The gateway builds it from <c>response_format</c> and forced tool calls.
/// </summary>
public sealed record TokenConstraint
{
    /// <summary>The kind of grammar.</summary>
    public required ConstraintKind Kind { get; init; }

    /// <summary>The JSON Schema text, for <see cref="ConstraintKind.JsonSchema"/>; null otherwise.</summary>
    public string? Schema { get; init; }

    /// <summary>Any JSON object (<c>response_format: {"type": "json_object"}</c>).</summary>
    public static TokenConstraint JsonObject { get; } = new() { Kind = ConstraintKind.JsonObject };

    /// <summary>A value valid against <paramref name="schema"/> (JSON Schema text).</summary>
    public static TokenConstraint JsonSchema(string schema) => new() { Kind = ConstraintKind.JsonSchema, Schema = schema };
}
