using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace AdvisorBot.State;

/// <summary>
/// The unit of work of one turn: every item is read from the store at most once, changes stay in the session, and
/// <see cref="CommitAsync"/> writes all of them at once, each against the version it read, all or nothing. A lost
/// race surfaces as one <see cref="StateConflictException"/>, and the turn runs again on fresh data: the one retry
/// mechanism for everything a turn writes. A session that is not committed (a failing turn) changes nothing.
/// </summary>
public sealed class StateSession
{
    private readonly IStateStore _store;
    private readonly IMemoryCache _cache;
    private readonly TimeSpan _cacheDuration;
    private readonly TimeSpan _maxTimeToLive;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <param name="maxTimeToLive">The longest any item of a user's lives (<see cref="PrivacyOptions.TextRetention"/>).</param>
    public StateSession(IStateStore store, IMemoryCache cache, TimeSpan cacheDuration, TimeSpan? maxTimeToLive = null)
    {
        _maxTimeToLive = maxTimeToLive ?? TimeSpan.MaxValue;
        _store = store;
        _cache = cache;
        _cacheDuration = cacheDuration;
    }

    /// <summary>The item's value as this turn sees it: its own change, else what the store holds (null: none).</summary>
    public async ValueTask<T?> GetAsync<T>(StateSlot<T> slot, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (_entries.TryGetValue(slot.Key, out var known))
        {
            return (T?)known.Value;
        }

        if (slot.Cache && _cacheDuration > TimeSpan.Zero && _cache.TryGetValue<Cached>(CacheKey(slot.Key), out var cached) && cached is not null)
        {
            _entries[slot.Key] = new Entry(cached.Value, cached.ETag, Read: true);
            return (T)cached.Value;
        }

        var item = await _store.ReadAsync(slot.Key, cancellationToken).ConfigureAwait(false);
        var value = item is null ? null : JsonSerializer.Deserialize(item.Value.Span, slot.Json);
        _entries[slot.Key] = new Entry(value, item?.ETag, Read: true);
        if (slot.Cache && _cacheDuration > TimeSpan.Zero && value is not null)
        {
            _cache.Set(CacheKey(slot.Key), new Cached(value, item!.ETag), _cacheDuration);
        }

        return value;
    }

    /// <summary>
    /// Changes the item; written on commit against the version read (an item never read is written whatever the
    /// store holds: only for items this turn creates under a fresh key, such as a plan).
    /// </summary>
    public void Set<T>(StateSlot<T> slot, T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(value);
        var read = _entries.TryGetValue(slot.Key, out var known) && known.Read;
        var etag = read ? known!.ETag : IStateStore.AnyETag;
        _entries[slot.Key] = new Entry(value, etag, read)
        {
            Write = () => JsonSerializer.SerializeToUtf8Bytes(value, slot.Json),
            TimeToLive = slot.TimeToLive < _maxTimeToLive ? slot.TimeToLive : _maxTimeToLive,
            Cache = slot.Cache,
        };
    }

    /// <summary>What a commit would write now (key, version and time to live; the value is not serialised here).</summary>
    public IReadOnlyList<StateWrite> PendingWrites =>
        [.. _entries.Where(kv => kv.Value.Write is not null).Select(kv => new StateWrite(kv.Key, ReadOnlyMemory<byte>.Empty, kv.Value.ETag, kv.Value.TimeToLive))];

    /// <summary>The keys this turn changes.</summary>
    public IEnumerable<string> ChangedKeys => _entries.Where(kv => kv.Value.Write is not null).Select(kv => kv.Key);

    /// <summary>Deletes every item under <paramref name="keyPrefix"/> now.</summary>
    public Task<int> ForgetPrefixAsync(string keyPrefix, CancellationToken cancellationToken) => _store.DeleteByPrefixAsync(keyPrefix, cancellationToken);

    /// <summary>Makes what was deleted unreadable from the store's files too.</summary>
    public Task ScrubAsync(CancellationToken cancellationToken) => _store.ScrubAsync(cancellationToken);

    /// <summary>True when the turn changed something.</summary>
    public bool HasChanges => _entries.Values.Any(e => e.Write is not null);

    /// <summary>Writes every change at once; throws <see cref="StateConflictException"/> (and writes nothing) when one lost a race.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var changed = _entries.Where(kv => kv.Value.Write is not null).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var writes = changed.Select(kv => new StateWrite(kv.Key, kv.Value.Write!(), kv.Value.ETag, kv.Value.TimeToLive)).ToList();
        IReadOnlyList<string> etags;
        try
        {
            etags = writes.Count == 1
                ? [await _store.WriteAsync(writes[0].Key, writes[0].Value, writes[0].ExpectedETag, writes[0].TimeToLive, cancellationToken).ConfigureAwait(false)]
                : await _store.WriteBatchAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            foreach (var (key, _) in changed)
            {
                _cache.Remove(CacheKey(key));
            }

            throw;
        }

        for (var i = 0; i < changed.Count; i++)
        {
            var (key, entry) = changed[i];
            _entries[key] = new Entry(entry.Value, etags[i], Read: true);
            if (entry.Cache && _cacheDuration > TimeSpan.Zero)
            {
                _cache.Set(CacheKey(key), new Cached(entry.Value!, etags[i]), _cacheDuration);
            }
        }
    }

    /// <summary>Deletes the item now, whatever its version (the user asked to start over or to be forgotten).</summary>
    public async Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        _entries.Remove(key);
        _cache.Remove(CacheKey(key));
        await _store.DeleteAsync(key, IStateStore.AnyETag, cancellationToken).ConfigureAwait(false);
    }

    private static string CacheKey(string key) => "state/" + key;

    private sealed record Entry(object? Value, string? ETag, bool Read)
    {
        public Func<byte[]>? Write { get; init; }
        public TimeSpan TimeToLive { get; init; }
        public bool Cache { get; init; }
    }

    private sealed record Cached(object Value, string ETag);
}

/// <summary>Opens one <see cref="StateSession"/> per turn over the registered store and cache.</summary>
public sealed class StateSessions(IStateStore store, IMemoryCache cache, Microsoft.Extensions.Options.IOptions<StateOptions> options,
    Microsoft.Extensions.Options.IOptions<PrivacyOptions> privacy)
{
    public StateOptions Options { get; } = options.Value;

    public StateSession Open() => new(store, cache, Options.EffectiveCacheDuration, privacy.Value.TextRetention);

    public PrivacyOptions Privacy => privacy.Value;
}
