using System.Text.Json.Nodes;

namespace Trinity.Tests.Grammar;

/// <summary>Seeded random JSON Schemas within the supported subset: nested objects and arrays, every type, bounds,
/// enums, patterns, formats, anyOf, disjoint oneOf, and $defs with a recursive reference.</summary>
internal sealed class RandomSchemas(int seed)
{
    private static readonly string[] Patterns = ["^[a-c]{1,3}$", "^\\d{2}-[A-Z]$", "x(y|z)+", "^(ab|cd)*e?$", "^[^\"\\\\]{0,4}$"];
    private static readonly string[] Formats = ["date", "time", "date-time", "uuid", "ipv4"];
    private readonly Random _random = new(seed);

    public JsonObject Next()
    {
        var schema = Node(3);
        if (_random.Next(4) == 0)
        {
            // A recursive definition: a list node whose "next" is another node or null.
            schema = new JsonObject
            {
                ["$defs"] = new JsonObject
                {
                    ["node"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["value"] = Leaf(),
                            ["next"] = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/node" }, new JsonObject { ["type"] = "null" }) },
                        },
                        ["required"] = new JsonArray("value", "next"),
                        ["additionalProperties"] = false,
                    },
                },
                ["type"] = "object",
                ["properties"] = new JsonObject { ["head"] = new JsonObject { ["$ref"] = "#/$defs/node" }, ["extra"] = schema },
                ["required"] = new JsonArray("head"),
                ["additionalProperties"] = false,
            };
        }

        return schema;
    }

    private JsonObject Node(int depth) => depth <= 0 ? Leaf() : _random.Next(6) switch
    {
        0 or 1 => Object(depth),
        2 => Array(depth),
        3 => new JsonObject { ["anyOf"] = new JsonArray(Node(depth - 1), Node(depth - 1)) },
        4 => new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string", ["maxLength"] = 5 }, new JsonObject { ["type"] = "integer", ["minimum"] = 0 }, Object(depth - 1)) },
        _ => Leaf(),
    };

    private JsonObject Object(int depth)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        var count = _random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            var name = $"p{i}{(_random.Next(3) == 0 ? "_ü" : "")}";
            properties[name] = Node(depth - 1);
            if (_random.Next(2) == 0)
            {
                required.Add(name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
        schema["additionalProperties"] = _random.Next(4) switch
        {
            0 => true,
            1 => Leaf(),
            _ => false,
        };
        return schema;
    }

    private JsonObject Array(int depth)
    {
        var schema = new JsonObject { ["type"] = "array", ["items"] = Node(depth - 1) };
        var min = _random.Next(0, 3);
        if (_random.Next(2) == 0)
        {
            schema["minItems"] = min;
        }

        if (_random.Next(2) == 0)
        {
            schema["maxItems"] = min + _random.Next(0, 7);
        }

        if (_random.Next(5) == 0)
        {
            schema["prefixItems"] = new JsonArray(Leaf());
        }

        return schema;
    }

    private JsonObject Leaf()
    {
        switch (_random.Next(9))
        {
            case 0:
                var text = new JsonObject { ["type"] = "string" };
                if (_random.Next(2) == 0)
                {
                    text["minLength"] = _random.Next(0, 3);
                    text["maxLength"] = _random.Next(3, 12);
                }

                return text;
            case 1:
                return new JsonObject { ["type"] = "string", ["pattern"] = Patterns[_random.Next(Patterns.Length)] };
            case 2:
                return new JsonObject { ["type"] = "string", ["format"] = Formats[_random.Next(Formats.Length)] };
            case 3:
                var lo = _random.Next(-2000, 2000);
                return new JsonObject { ["type"] = "integer", ["minimum"] = lo, [_random.Next(2) == 0 ? "maximum" : "exclusiveMaximum"] = lo + _random.Next(1, 5000) };
            case 4:
                var a = Math.Round((decimal)(_random.NextDouble() * 200) - 100, _random.Next(0, 4));
                var number = new JsonObject { ["type"] = "number", [_random.Next(2) == 0 ? "minimum" : "exclusiveMinimum"] = a };
                if (_random.Next(2) == 0)
                {
                    number[_random.Next(2) == 0 ? "maximum" : "exclusiveMaximum"] = a + Math.Round((decimal)_random.NextDouble() * 50, 2) + 0.01m;
                }

                return number;
            case 5:
                return new JsonObject { ["enum"] = new JsonArray("red", "green", 7, null, "multi word ü") };
            case 6:
                return new JsonObject { ["const"] = _random.Next(2) == 0 ? "fixed" : (JsonNode)1.5 };
            case 7:
                return new JsonObject { ["type"] = new JsonArray("boolean", "null") };
            default:
                return new JsonObject { ["type"] = "integer", ["minimum"] = _random.Next(0, 10) };
        }
    }
}
