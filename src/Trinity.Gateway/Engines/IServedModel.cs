using Trinity.Contracts;
using Trinity.Tokenization;

namespace Trinity.Gateway.Engines;

/// <summary>A text-generation model the gateway serves: everything the OpenAI endpoints need to turn a request
/// into prompt tokens and stream a continuation. Hosting creates and owns it (and disposes the engine behind it);
/// endpoints only read it.</summary>
public interface IServedModel
{
    /// <summary>Id clients pass as <c>model</c> and that <c>/v1/models</c> lists.</summary>
    string Name { get; }

    /// <summary>Maximum prompt + generated tokens of one sequence.</summary>
    int ContextLength { get; }

    /// <summary>The model's tokenizer (prompts, token-array inputs, usage counts).</summary>
    ITokenizer Tokenizer { get; }

    /// <summary>The model's chat template (chat completions).</summary>
    IChatTemplate ChatTemplate { get; }

    /// <summary>The engine that generates continuations (in-process, or prefill + decode engines over the network).</summary>
    IGenerationEngine Engine { get; }

    /// <summary>When the model was created, as reported by <c>/v1/models</c>.</summary>
    DateTimeOffset Created { get; }

    /// <summary>Owner reported by <c>/v1/models</c>.</summary>
    string OwnedBy { get; }

    /// <summary>What generation does for settings a request leaves out (<c>genai_config.json</c>'s <c>search</c>).</summary>
    Trinity.Engine.Model.GenerationDefaults Defaults => DefaultGeneration;

    /// <summary>OpenAI's own defaults, for models that say nothing.</summary>
    static Trinity.Engine.Model.GenerationDefaults DefaultGeneration { get; } = new() { DoSample = true, TopK = 0 };
}
