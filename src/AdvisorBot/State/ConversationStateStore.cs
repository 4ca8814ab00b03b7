using System.Text.Json;
using System.Text.Json.Serialization;
using AdvisorBot.Dialogs;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AdvisorBot.State;

public sealed class StateOptions
{
    /// <summary>The SQLite file of the embedded store; relative paths are under the application folder.</summary>
    public string SqlitePath { get; set; } = "data/advisorbot.db";

    /// <summary>A conversation untouched this long is forgotten.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a read state stays in the in-process cache.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(10);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;

/// <summary>
/// Conversation state over <see cref="IStateStore"/>, with a read cache. The cache only saves reads: every write
/// still carries the ETag it read, so a stale cache entry (another instance wrote) ends in a conflict and a retry,
/// never in a lost update.
/// </summary>
public sealed class ConversationStateStore(IStateStore store, IMemoryCache cache, IOptions<StateOptions> options)
{
    private readonly StateOptions _options = options.Value;

    public async Task<(ConversationState State, string? ETag)> LoadAsync(string key, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue<Cached>(key, out var cached) && cached is not null)
        {
            return (cached.State, cached.ETag);
        }

        var item = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return (new ConversationState(), null);
        }

        var state = JsonSerializer.Deserialize(item.Value.Span, StateJsonContext.Default.ConversationState) ?? new ConversationState();
        cache.Set(key, new Cached(state, item.ETag), _options.CacheDuration);
        return (state, item.ETag);
    }

    /// <summary>Saves the state if nobody wrote since <paramref name="etag"/> was read; throws <see cref="StateConflictException"/> otherwise.</summary>
    public async Task SaveAsync(string key, ConversationState state, string? etag, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.ConversationState);
        try
        {
            var newETag = await store.WriteAsync(key, json, etag, _options.ConversationIdleTimeout, cancellationToken).ConfigureAwait(false);
            cache.Set(key, new Cached(state, newETag), _options.CacheDuration);
        }
        catch (StateConflictException)
        {
            cache.Remove(key);
            throw;
        }
    }

    public async Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        cache.Remove(key);
        await store.DeleteAsync(key, IStateStore.AnyETag, cancellationToken).ConfigureAwait(false);
    }

    private sealed record Cached(ConversationState State, string ETag);
}
