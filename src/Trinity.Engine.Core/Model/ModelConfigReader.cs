using System.Text.Json;

namespace Trinity.Engine.Model;

/// <summary>Reads and validates <c>genai_config.json</c>; every problem is a <see cref="ModelFormatException"/>
/// naming the file and the key.</summary>
public static class ModelConfigReader
{
    public const string FileName = "genai_config.json";

    public static ModelConfig Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, FileName);
        if (!Directory.Exists(modelDirectory))
        {
            throw new ModelFormatException($"model folder '{modelDirectory}' does not exist");
        }

        if (!File.Exists(path))
        {
            throw new ModelFormatException($"model folder '{modelDirectory}' has no {FileName}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{path} is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            try
            {
                return Parse(document.RootElement, path);
            }
            catch (InvalidOperationException ex)
            {
                throw new ModelFormatException($"{path}: {ex.Message}");
            }
        }
    }

    private static ModelConfig Parse(JsonElement root, string path)
    {
        var model = Object(root, "model");
        var decoder = Object(model, "decoder");
        var inputs = Object(decoder, "inputs");
        var outputs = Object(decoder, "outputs");
        var config = new ModelConfig
        {
            Type = String(model, "type"),
            VocabSize = Int(model, "vocab_size", 1),
            ContextLength = Int(model, "context_length", 1),
            BosTokenId = OptionalInt(model, "bos_token_id") ?? 0,
            PadTokenId = OptionalInt(model, "pad_token_id") ?? 0,
            EosTokenIds = IntOrArray(model, "eos_token_id"),
            NumLayers = Int(decoder, "num_hidden_layers", 1),
            NumHeads = Int(decoder, "num_attention_heads", 1),
            NumKvHeads = Int(decoder, "num_key_value_heads", 1),
            HeadSize = Int(decoder, "head_size", 1),
            HiddenSize = Int(decoder, "hidden_size", 1),
            Filename = OptionalString(decoder, "filename") ?? "model.onnx",
            InputIdsName = OptionalString(inputs, "input_ids") ?? "input_ids",
            AttentionMaskName = OptionalString(inputs, "attention_mask") ?? "attention_mask",
            PositionIdsName = OptionalString(inputs, "position_ids") ?? string.Empty,
            PastKeyFormat = OptionalString(inputs, "past_key_names") ?? "past_key_values.%d.key",
            PastValueFormat = OptionalString(inputs, "past_value_names") ?? "past_key_values.%d.value",
            LogitsName = OptionalString(outputs, "logits") ?? "logits",
            PresentKeyFormat = OptionalString(outputs, "present_key_names") ?? "present.%d.key",
            PresentValueFormat = OptionalString(outputs, "present_value_names") ?? "present.%d.value",
            IntraOpThreads = decoder.TryGetProperty("session_options", out var so) && so.ValueKind == JsonValueKind.Object
                ? OptionalInt(so, "intra_op_num_threads") ?? 0 : 0,
        };

        if (root.TryGetProperty("search", out var search) && search.ValueKind == JsonValueKind.Object)
        {
            var defaults = new GenerationDefaults();
            config = config with
            {
                PastPresentShareBuffer = OptionalBool(search, "past_present_share_buffer") ?? false,
                Search = new GenerationDefaults
                {
                    DoSample = OptionalBool(search, "do_sample") ?? defaults.DoSample,
                    Temperature = OptionalFloat(search, "temperature") ?? defaults.Temperature,
                    TopK = OptionalInt(search, "top_k") ?? defaults.TopK,
                    TopP = OptionalFloat(search, "top_p") ?? defaults.TopP,
                    RepetitionPenalty = OptionalFloat(search, "repetition_penalty") ?? defaults.RepetitionPenalty,
                    MaxLength = OptionalInt(search, "max_length") ?? 0,
                },
            };
            if (config.Search.Temperature < 0 || config.Search.TopP is <= 0 or > 1 || config.Search.TopK < 0 || config.Search.RepetitionPenalty <= 0)
            {
                throw new InvalidOperationException("search: temperature must be ≥ 0, top_p in (0, 1], top_k ≥ 0 and repetition_penalty > 0");
            }
        }

        if (config.NumHeads % config.NumKvHeads != 0)
        {
            throw new InvalidOperationException("num_attention_heads must be a multiple of num_key_value_heads");
        }

        if (Path.GetFileName(config.Filename) != config.Filename)
        {
            throw new InvalidOperationException($"decoder.filename '{config.Filename}' must be a file name inside the model folder");
        }

        if (!File.Exists(Path.Combine(Path.GetDirectoryName(path)!, config.Filename)))
        {
            throw new InvalidOperationException($"decoder.filename '{config.Filename}' does not exist in the model folder");
        }

        return config;
    }

    private static JsonElement Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidOperationException($"missing object '{name}'");

    private static string String(JsonElement parent, string name) =>
        OptionalString(parent, name) ?? throw new InvalidOperationException($"missing string '{name}'");

    private static string? OptionalString(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidOperationException($"'{name}' must be a string");
    }

    private static int Int(JsonElement parent, string name, int min) =>
        OptionalInt(parent, name) is { } v
            ? (v >= min ? v : throw new InvalidOperationException($"'{name}' must be at least {min}"))
            : throw new InvalidOperationException($"missing integer '{name}'");

    private static int? OptionalInt(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : throw new InvalidOperationException($"'{name}' must be an integer");
    }

    private static bool? OptionalBool(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidOperationException($"'{name}' must be true or false"),
        };
    }

    private static float? OptionalFloat(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)
            ? (float)d : throw new InvalidOperationException($"'{name}' must be a number");
    }

    private static int[] IntOrArray(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i)
                ? i : throw new InvalidOperationException($"'{name}' must hold integers")).ToArray();
        }

        return [OptionalInt(parent, name)!.Value];
    }
}
