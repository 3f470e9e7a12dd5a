using Microsoft.ML.OnnxRuntime;

namespace Trinity.Engine.Model;

/// <summary>
/// Owns the ONNX Runtime session of a decoder graph and runs forward passes through one reusable
/// <see cref="OrtIoBinding"/>. Past KV values are bound as they are (the previous step's present outputs),
/// so the cache is never copied per token. Not thread-safe: one engine loop drives one session.
/// </summary>
internal sealed class DecoderSession : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly string[] _pastKeys;
    private readonly string[] _pastValues;
    private readonly string[] _outputs;
    private readonly string[] _presentKeys;
    private readonly string[] _presentValues;

    private DecoderSession(ModelConfig config, SessionOptions options, InferenceSession session)
    {
        Config = config;
        _options = options;
        _session = session;
        _binding = session.CreateIoBinding();
        _pastKeys = Enumerable.Range(0, config.NumLayers).Select(config.PastKeyName).ToArray();
        _pastValues = Enumerable.Range(0, config.NumLayers).Select(config.PastValueName).ToArray();
        var outputs = new List<string> { config.LogitsName };
        for (var l = 0; l < config.NumLayers; l++)
        {
            outputs.Add(config.PresentKeyName(l));
            outputs.Add(config.PresentValueName(l));
        }

        _outputs = [.. outputs];
        _presentKeys = Enumerable.Range(0, config.NumLayers).Select(config.PresentKeyName).ToArray();
        _presentValues = Enumerable.Range(0, config.NumLayers).Select(config.PresentValueName).ToArray();
        HasPositionIds = config.PositionIdsName.Length > 0 && session.InputMetadata.ContainsKey(config.PositionIdsName);
        // The model builder's GroupQueryAttention graphs take no position ids: they derive each row's length from
        // attention_mask (right padding) and write new positions into a buffer shared by past and present.
        Layout = config.PastPresentShareBuffer || !HasPositionIds ? KvLayout.SharedBuffer : KvLayout.Classic;
    }

    public ModelConfig Config { get; }

    public bool HasPositionIds { get; }

    /// <summary>How the graph keeps its KV cache, which decides padding and buffer handling.</summary>
    public KvLayout Layout { get; }

    /// <summary>Opens <c>model.onnx</c> of a model folder with the given intra-op thread count (0: from the config,
    /// then ONNX Runtime's default); <paramref name="configure"/> may adjust the session options further (profiling).</summary>
    public static DecoderSession Open(string modelDirectory, ModelConfig config, int intraOpThreads = 0, Action<SessionOptions>? configure = null)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        var threads = intraOpThreads > 0 ? intraOpThreads : config.IntraOpThreads;
        if (threads > 0)
        {
            options.IntraOpNumThreads = threads;
        }

        ExecutionProviders.AppendPreferred(options);
        configure?.Invoke(options);

        try
        {
            var session = new InferenceSession(Path.Combine(modelDirectory, config.Filename), options);
            Validate(session, config);
            return new DecoderSession(config, options, session);
        }
        catch (OnnxRuntimeException ex)
        {
            options.Dispose();
            throw new ModelFormatException($"cannot load {Path.Combine(modelDirectory, config.Filename)}: {ex.Message.Split('\n')[0]}", ex);
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One forward pass over <paramref name="past"/>'s rows. Inputs are borrowed. Returns the logits [B,S,V] and the
    /// present KV [B,G,<paramref name="totalLength"/>,D] (past + S positions), both owned by the caller.
    /// </summary>
    public (OrtValue Logits, KvCache Present) Run(OrtValue inputIds, OrtValue attentionMask, OrtValue? positionIds, KvCache past, int totalLength)
    {
        ArgumentNullException.ThrowIfNull(past);
        _binding.ClearBoundInputs();
        _binding.ClearBoundOutputs();
        _binding.BindInput(Config.InputIdsName, inputIds);
        _binding.BindInput(Config.AttentionMaskName, attentionMask);
        if (HasPositionIds)
        {
            _binding.BindInput(Config.PositionIdsName, positionIds ?? throw new ArgumentNullException(nameof(positionIds)));
        }

        for (var l = 0; l < Config.NumLayers; l++)
        {
            _binding.BindInput(_pastKeys[l], past.Keys[l]);
            _binding.BindInput(_pastValues[l], past.Values[l]);
        }

        foreach (var name in _outputs)
        {
            _binding.BindOutputToDevice(name, OrtMemoryInfo.DefaultInstance);
        }

        _session.RunWithBinding(_runOptions, _binding);
        var values = _binding.GetOutputValues().ToArray();
        var keys = new OrtValue[Config.NumLayers];
        var vals = new OrtValue[Config.NumLayers];
        for (var l = 0; l < Config.NumLayers; l++)
        {
            keys[l] = values[1 + (2 * l)];
            vals[l] = values[2 + (2 * l)];
        }

        return (values[0], new KvCache(keys, vals, past.Batch, totalLength) { ElementsPerPosition = Config.NumKvHeads * Config.HeadSize });
    }

    /// <summary>
    /// One forward pass of the shared-buffer layout: <paramref name="keys"/> and <paramref name="values"/> ([B, kv_heads,
    /// capacity, head_dim] per layer) are bound as both past and present, so the graph writes only the new positions of
    /// each row (at the row's length, which <paramref name="attentionMask"/> gives: right padding). Inputs are borrowed;
    /// the returned logits [B,S,V] are owned by the caller.
    /// </summary>
    public OrtValue RunShared(OrtValue inputIds, OrtValue attentionMask, OrtValue? positionIds, IReadOnlyList<OrtValue> keys, IReadOnlyList<OrtValue> values)
    {
        BindShared(inputIds, attentionMask, positionIds, keys, values);
        _binding.BindOutputToDevice(Config.LogitsName, OrtMemoryInfo.DefaultInstance);
        _session.RunWithBinding(_runOptions, _binding);
        var outputs = _binding.GetOutputValues().ToArray();
        // Outputs come back in binding order: the KV views first (new handles onto our own buffers), logits last.
        for (var i = 0; i < outputs.Length - 1; i++)
        {
            outputs[i].Dispose();
        }

        var logits = outputs.Length > 0 ? outputs[^1] : null;
        return logits ?? throw new InvalidOperationException("the model returned no logits");
    }

    /// <summary>As <see cref="RunShared(OrtValue, OrtValue, OrtValue?, IReadOnlyList{OrtValue}, IReadOnlyList{OrtValue})"/>, writing the
    /// logits into the caller's <paramref name="logits"/> tensor ([B,S,V]): a decode step then allocates nothing.</summary>
    public void RunShared(OrtValue inputIds, OrtValue attentionMask, OrtValue? positionIds, IReadOnlyList<OrtValue> keys, IReadOnlyList<OrtValue> values, OrtValue logits)
    {
        BindShared(inputIds, attentionMask, positionIds, keys, values);
        _binding.BindOutput(Config.LogitsName, logits);
        _session.RunWithBinding(_runOptions, _binding);
    }

    private void BindShared(OrtValue inputIds, OrtValue attentionMask, OrtValue? positionIds, IReadOnlyList<OrtValue> keys, IReadOnlyList<OrtValue> values) =>
        BindShared(_binding, inputIds, attentionMask, positionIds, keys, values);

    /// <summary>A binding of its own for a caller that runs the same tensors step after step (the decode batch): bind
    /// once with <see cref="BindShared(OrtIoBinding, OrtValue, OrtValue, OrtValue?, IReadOnlyList{OrtValue}, IReadOnlyList{OrtValue})"/>
    /// and an output, rewrite the bound buffers in place, and <see cref="Run(OrtIoBinding)"/>.</summary>
    public OrtIoBinding CreateBinding() => _session.CreateIoBinding();

    /// <summary>Runs a binding prepared by the caller.</summary>
    public void Run(OrtIoBinding binding) => _session.RunWithBinding(_runOptions, binding);

    /// <summary>Binds the shared-buffer layout's inputs (KV as both past and present) to <paramref name="binding"/>;
    /// the caller binds the logits output.</summary>
    public void BindShared(OrtIoBinding binding, OrtValue inputIds, OrtValue attentionMask, OrtValue? positionIds, IReadOnlyList<OrtValue> keys, IReadOnlyList<OrtValue> values)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        binding.ClearBoundInputs();
        binding.ClearBoundOutputs();
        binding.BindInput(Config.InputIdsName, inputIds);
        binding.BindInput(Config.AttentionMaskName, attentionMask);
        if (HasPositionIds)
        {
            // Some exports feed position ids beside a shared buffer; each row's positions start at its own length.
            binding.BindInput(Config.PositionIdsName, positionIds ?? throw new ArgumentNullException(nameof(positionIds)));
        }

        for (var l = 0; l < Config.NumLayers; l++)
        {
            binding.BindInput(_pastKeys[l], keys[l]);
            binding.BindInput(_pastValues[l], values[l]);
            binding.BindOutput(_presentKeys[l], keys[l]);
            binding.BindOutput(_presentValues[l], values[l]);
        }
    }

    public void Dispose()
    {
        _binding.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }

    private static void Validate(InferenceSession session, ModelConfig config)
    {
        var inputs = session.InputMetadata;
        foreach (var name in new[] { config.InputIdsName, config.AttentionMaskName, config.PastKeyName(0), config.PastValueName(config.NumLayers - 1) })
        {
            if (!inputs.ContainsKey(name))
            {
                throw new ModelFormatException($"model.onnx has no input '{name}' that genai_config.json declares");
            }
        }

        if (inputs.ContainsKey(config.PastKeyName(config.NumLayers)))
        {
            throw new ModelFormatException($"model.onnx has more layers than num_hidden_layers = {config.NumLayers}");
        }

        var kvShape = inputs[config.PastKeyName(0)].Dimensions;
        if (kvShape.Length != 4 || (kvShape[1] > 0 && kvShape[1] != config.NumKvHeads) || (kvShape[3] > 0 && kvShape[3] != config.HeadSize))
        {
            throw new ModelFormatException($"past KV shape [{string.Join(',', kvShape)}] does not match num_key_value_heads = {config.NumKvHeads}, head_size = {config.HeadSize}");
        }

        if (inputs[config.InputIdsName].ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
        {
            throw new ModelFormatException("input_ids must be int64");
        }

        if (inputs[config.AttentionMaskName].ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
        {
            throw new ModelFormatException($"attention_mask is {inputs[config.AttentionMaskName].ElementDataType}; only int64 masks are supported");
        }

        var kvType = inputs[config.PastKeyName(0)].ElementDataType;
        if (kvType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
        {
            throw new ModelFormatException($"past KV is {kvType}; only float32 KV caches (the CPU builds of published models) are supported");
        }

        var logitsType = session.OutputMetadata.TryGetValue(config.LogitsName, out var logitsMeta) ? logitsMeta.ElementDataType : kvType;
        if (logitsType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
        {
            throw new ModelFormatException($"logits are {logitsType}; only float32 logits are supported");
        }

        if (!session.OutputMetadata.ContainsKey(config.LogitsName))
        {
            throw new ModelFormatException($"model.onnx has no output '{config.LogitsName}'");
        }
    }
}
