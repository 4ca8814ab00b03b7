using System.Globalization;

namespace AdvisorBot.State;

/// <summary>A process-local <see cref="IStateStore"/> with the same concurrency and expiry rules, for tests.</summary>
public sealed class InMemoryStateStore(TimeProvider timeProvider) : IStateStore
{
    private readonly Dictionary<string, (byte[] Value, long Version, DateTimeOffset ExpiresAt)> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;

    public Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(TryGetLive(key, out var item)
                ? new StoredItem(item.Value.ToArray(), item.Version.ToString(CultureInfo.InvariantCulture))
                : null);
        }
    }

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Check(key, expectedETag);
            return Task.FromResult(Put(key, value, timeToLive));
        }
    }

    public Task<IReadOnlyList<string>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_gate)
        {
            foreach (var write in writes)
            {
                Check(write.Key, write.ExpectedETag);
            }

            return Task.FromResult<IReadOnlyList<string>>([.. writes.Select(w => Put(w.Key, w.Value, w.TimeToLive))]);
        }
    }

    private void Check(string key, string? expectedETag)
    {
        var exists = TryGetLive(key, out var current);
        var ok = expectedETag switch
        {
            IStateStore.AnyETag => true,
            null => !exists,
            _ => exists && current.Version.ToString(CultureInfo.InvariantCulture) == expectedETag,
        };
        if (!ok)
        {
            throw new StateConflictException(key);
        }
    }

    private string Put(string key, ReadOnlyMemory<byte> value, TimeSpan timeToLive)
    {
        var version = ++_version;
        _items[key] = (value.ToArray(), version, timeProvider.GetUtcNow() + timeToLive);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> DeleteAsync(string key, string expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!TryGetLive(key, out var current)
                || (expectedETag != IStateStore.AnyETag && current.Version.ToString(CultureInfo.InvariantCulture) != expectedETag))
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(_items.Remove(key));
        }
    }

    public Task<int> DeleteByPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        lock (_gate)
        {
            var doomed = _items.Keys.Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList();
            doomed.ForEach(k => _items.Remove(k));
            return Task.FromResult(doomed.Count);
        }
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            var doomed = _items.Where(kv => kv.Value.ExpiresAt <= now).Select(kv => kv.Key).ToList();
            doomed.ForEach(k => _items.Remove(k));
            return Task.FromResult(doomed.Count);
        }
    }

    private bool TryGetLive(string key, out (byte[] Value, long Version, DateTimeOffset ExpiresAt) item)
    {
        if (_items.TryGetValue(key, out item) && item.ExpiresAt > timeProvider.GetUtcNow())
        {
            return true;
        }

        _items.Remove(key);
        return false;
    }
}
