namespace Trinity.Bench.Grammar;

/// <summary>The schemas the grammar bench measures.</summary>
internal static class BenchSchemas
{
    /// <summary>An order: objects within arrays, enums, bounded integers and numbers, patterns, a format, $defs used
    /// twice, an anyOf with null, and an array long enough that its element becomes a called rule.</summary>
    public const string NestedOrder = """
        {
          "$defs": {
            "address": {
              "type": "object",
              "properties": {
                "street": { "type": "string", "maxLength": 64 },
                "city": { "type": "string" },
                "zip": { "type": "string", "pattern": "^[0-9]{5}$" },
                "country": { "enum": ["US", "CA", "MX", "FR", "DE"] }
              },
              "required": ["street", "city", "country"],
              "additionalProperties": false
            },
            "item": {
              "type": "object",
              "properties": {
                "sku": { "type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$" },
                "name": { "type": "string" },
                "quantity": { "type": "integer", "minimum": 1, "maximum": 1000 },
                "price": { "type": "number", "minimum": 0, "exclusiveMaximum": 100000 },
                "tags": { "type": "array", "items": { "type": "string" }, "maxItems": 5 }
              },
              "required": ["sku", "name", "quantity", "price"],
              "additionalProperties": false
            }
          },
          "type": "object",
          "properties": {
            "order_id": { "type": "string", "format": "uuid" },
            "customer": {
              "type": "object",
              "properties": {
                "name": { "type": "string" },
                "email": { "type": "string" },
                "vip": { "type": "boolean" },
                "shipping": { "$ref": "#/$defs/address" },
                "billing": { "anyOf": [{ "$ref": "#/$defs/address" }, { "type": "null" }] }
              },
              "required": ["name", "shipping"],
              "additionalProperties": false
            },
            "items": { "type": "array", "items": { "$ref": "#/$defs/item" }, "minItems": 1, "maxItems": 20 },
            "status": { "enum": ["pending", "paid", "shipped", "cancelled"] },
            "priority": { "type": "integer", "minimum": 0, "maximum": 5 },
            "notes": { "type": ["string", "null"] }
          },
          "required": ["order_id", "customer", "items", "status"],
          "additionalProperties": false
        }
        """;
}
