using System.Text.Json;

namespace Trinity.Engine.Model.BuiltIn;

/// <summary>Writes <c>genai_config.json</c> in the layout of ONNX Runtime GenAI's model builder.
/// GenAI's parser rejects unknown keys, so only keys it knows are written. The builder layout gets the builder's
/// keys (no <c>position_ids</c>, <c>past_present_share_buffer: true</c>, the full search section); the classic
/// layout keeps its original file (Concat-based cache: no shared buffer).</summary>
internal static class GenAiConfigWriter
{
    public static byte[] Write(TinyModelSpec spec, int bosId, IReadOnlyList<int> eosIds, int padId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("model");
            json.WriteNumber("bos_token_id", bosId);
            json.WriteNumber("context_length", spec.MaxLength);
            json.WriteStartObject("decoder");
            json.WriteStartObject("session_options");
            json.WriteString("log_id", "onnxruntime-genai");
            // One intra-op thread measured faster than two for this size on 2-core machines (REFERENCE.md).
            json.WriteNumber("intra_op_num_threads", 1);
            json.WriteStartArray("provider_options");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("filename", "model.onnx");
            json.WriteNumber("head_size", spec.HeadDim);
            json.WriteNumber("hidden_size", spec.Hidden);
            json.WriteStartObject("inputs");
            json.WriteString("input_ids", "input_ids");
            json.WriteString("attention_mask", "attention_mask");
            if (spec.Layout == DecoderLayout.Classic)
            {
                json.WriteString("position_ids", "position_ids");
            }

            json.WriteString("past_key_names", "past_key_values.%d.key");
            json.WriteString("past_value_names", "past_key_values.%d.value");
            json.WriteEndObject();
            json.WriteStartObject("outputs");
            json.WriteString("logits", "logits");
            json.WriteString("present_key_names", "present.%d.key");
            json.WriteString("present_value_names", "present.%d.value");
            json.WriteEndObject();
            json.WriteNumber("num_attention_heads", spec.Heads);
            json.WriteNumber("num_hidden_layers", spec.Layers);
            json.WriteNumber("num_key_value_heads", spec.KvHeads);
            json.WriteEndObject();
            json.WriteStartArray("eos_token_id");
            foreach (var id in eosIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WriteNumber("pad_token_id", padId);
            json.WriteString("type", spec.Arch switch
            {
                DecoderArch.Qwen2 => "qwen2",
                DecoderArch.Phi3 => "phi3",
                _ => "llama",
            });
            json.WriteNumber("vocab_size", spec.Vocab);
            json.WriteEndObject();
            json.WriteStartObject("search");
            if (spec.Layout == DecoderLayout.Classic)
            {
                WriteClassicSearch(json, spec);
            }
            else
            {
                WriteBuilderSearch(json, spec);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteClassicSearch(Utf8JsonWriter json, TinyModelSpec spec)
    {
        json.WriteBoolean("do_sample", false);
        json.WriteNumber("max_length", spec.MaxLength);
        json.WriteNumber("min_length", 0);
        json.WriteNumber("num_beams", 1);
        json.WriteNumber("num_return_sequences", 1);
        json.WriteBoolean("past_present_share_buffer", false);
        json.WriteNumber("repetition_penalty", 1.0);
        json.WriteNumber("temperature", 1.0);
        json.WriteNumber("top_k", 1);
        json.WriteNumber("top_p", 1.0);
    }

    /// <summary>The builder's search section, with its defaults for a model without generation_config.json.</summary>
    private static void WriteBuilderSearch(Utf8JsonWriter json, TinyModelSpec spec)
    {
        json.WriteNumber("diversity_penalty", 0.0);
        json.WriteBoolean("do_sample", false);
        json.WriteBoolean("early_stopping", true);
        json.WriteNumber("length_penalty", 1.0);
        json.WriteNumber("max_length", spec.MaxLength);
        json.WriteNumber("min_length", 0);
        json.WriteNumber("no_repeat_ngram_size", 0);
        json.WriteNumber("num_beams", 1);
        json.WriteNumber("num_return_sequences", 1);
        // GroupQueryAttention writes the new positions into the past buffer in place when both are the same tensor.
        json.WriteBoolean("past_present_share_buffer", true);
        json.WriteNumber("repetition_penalty", 1.0);
        json.WriteNumber("temperature", 1.0);
        json.WriteNumber("top_k", 50);
        json.WriteNumber("top_p", 1.0);
    }
}
