namespace Trinity.Contracts;

/// <summary>The grammars a <see cref="TokenConstraint"/> can name.</summary>
public enum ConstraintKind
{
    /// <summary>Any JSON object.</summary>
    JsonObject,

    /// <summary>A JSON value valid against a JSON Schema.</summary>
    JsonSchema,
}
