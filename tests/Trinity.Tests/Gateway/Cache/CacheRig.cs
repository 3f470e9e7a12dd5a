using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trinity.Common.Time;
using Trinity.Gateway.Cache;
using Trinity.Tokenization;
using Trinity.VectorGpu.Embeddings;

namespace Trinity.Tests.Gateway.Cache;

/// <summary>An <see cref="AnswerCache"/> over a <see cref="FakeVectorPool"/> on virtual time, initialized.</summary>
internal sealed class CacheRig : IDisposable
{
    private readonly ServiceProvider _services;

    private CacheRig(AnswerCacheOptions options, FakeVectorPool pool)
    {
        Options = options;
        Pool = pool;
        Pool.Time = Time;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Cache = new AnswerCache(
            wrapped,
            new SemanticAnswerTier(pool, wrapped, [pool.Embedder]),
            new AnswerCacheMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            Writes,
            Time,
            NullLogger<AnswerCache>.Instance);
    }

    public AnswerCacheOptions Options { get; }

    public FakeVectorPool Pool { get; }

    public ManualTimeProvider Time { get; } = new();

    public PendingWrites Writes { get; } = new();

    public AnswerCache Cache { get; }

    public static async Task<CacheRig> StartAsync(AnswerCacheOptions? options = null, FakeVectorPool? pool = null, TimeSpan clockAhead = default)
    {
        var rig = new CacheRig(options ?? new AnswerCacheOptions(), pool ?? new FakeVectorPool());
        rig.Time.Advance(clockAhead);
        await rig.Cache.InitializeAsync(CancellationToken.None);

        // Count the tests' searches, not the restore's and warm-up's.
        Interlocked.Exchange(ref rig.Pool.Searches, 0);
        return rig;
    }

    public AnswerCacheQuery Query(string user, string? system = null, string model = "m", string? collection = null, double? threshold = null, int? maxTokens = null)
    {
        var messages = new List<ChatMessage>();
        if (system is not null)
        {
            messages.Add(new ChatMessage("system", system));
        }

        messages.Add(new ChatMessage("user", user));
        return new AnswerCacheQuery(model, messages, collection, threshold, Time.GetUtcNow().AddSeconds(10)) { MaxTokens = maxTokens };
    }

    public Task StoreAsync(AnswerCacheQuery query, string answer = "the answer", int tokens = 3, string finish = "stop") =>
        Cache.StoreAsync(query, new CachedAnswer(answer, tokens, finish), CancellationToken.None);

    public Task<AnswerCacheHit?> LookupAsync(AnswerCacheQuery query) => Cache.LookupAsync(query, CancellationToken.None);

    public void Dispose() => _services.Dispose();
}
