using StackExchange.Redis;

namespace AdvisorBot.State.Redis;

/// <summary>
/// The scale-out <see cref="IStateStore"/>: every item is a Redis hash (<c>v</c> the value, <c>e</c> the ETag, <c>x</c>
/// the expiry in Unix milliseconds) under one key prefix, with a Redis time to live as well, so idle items vanish on
/// their own. Every conditional write is one Lua script, so the compare-and-set is decided inside Redis and several
/// instances may share it; a batch is one script too, all or nothing. ETags are random, so a key deleted and created
/// again never matches an old ETag. Expiry is checked against the caller's clock (<see cref="TimeProvider"/>), exactly
/// as the SQLite store does; Redis's own TTL (the same length, plus a second) removes it from Redis.
/// </summary>
public sealed class RedisStateStore(IConnectionMultiplexer redis, string keyPrefix, TimeProvider timeProvider) : IStateStore
{
    private const long CleanupSlackMilliseconds = 1_000;

    // KEYS: the items; ARGV: now, then per key: expected ("" none / "*" any / etag), new etag, value, expires-at, ttl.
    private const string WriteScript = """
        local now = tonumber(ARGV[1])
        for i, key in ipairs(KEYS) do
          local base = 1 + (i - 1) * 5
          local expected = ARGV[base + 1]
          if expected ~= '*' then
            local current = redis.call('HMGET', key, 'e', 'x')
            local live = current[1] and tonumber(current[2]) > now
            if expected == '' then
              if live then return i end
            elseif not live or current[1] ~= expected then
              return i
            end
          end
        end
        for i, key in ipairs(KEYS) do
          local base = 1 + (i - 1) * 5
          redis.call('HSET', key, 'v', ARGV[base + 3], 'e', ARGV[base + 2], 'x', ARGV[base + 4])
          redis.call('PEXPIRE', key, ARGV[base + 5])
        end
        return 0
        """;

    // KEYS[1]: the item; ARGV: expected etag ("*" any).
    private const string DeleteScript = """
        local etag = redis.call('HGET', KEYS[1], 'e')
        if not etag then return 0 end
        if ARGV[1] ~= '*' and etag ~= ARGV[1] then return 0 end
        return redis.call('DEL', KEYS[1])
        """;

    private static readonly RedisValue[] ReadFields = ["v", "e", "x"];

    private readonly string _prefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix));

    private IDatabase Database => redis.GetDatabase();

    public async Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var fields = await Guard(() => Database.HashGetAsync(Key(key), ReadFields)).ConfigureAwait(false);
        if (fields[0].IsNull || fields[1].IsNull || !fields[2].TryParse(out long expiresAt) || expiresAt <= Now())
        {
            return null;
        }

        return new StoredItem((byte[])fields[0]!, fields[1]!);
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        (await WriteBatchAsync([new StateWrite(key, value, expectedETag, timeToLive)], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<string>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        var now = Now();
        var keys = new RedisKey[writes.Count];
        var args = new RedisValue[1 + (writes.Count * 5)];
        var etags = new string[writes.Count];
        args[0] = now;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var ttl = Math.Max(1, (long)write.TimeToLive.TotalMilliseconds);
            keys[i] = Key(write.Key);
            etags[i] = NewETag();
            var at = 1 + (i * 5);
            args[at] = write.ExpectedETag ?? string.Empty;
            args[at + 1] = etags[i];
            args[at + 2] = write.Value;
            args[at + 3] = now + ttl;
            args[at + 4] = ttl + CleanupSlackMilliseconds;
        }

        var lost = (long)await Guard(() => Database.ScriptEvaluateAsync(WriteScript, keys, args)).ConfigureAwait(false);
        return lost == 0 ? etags : throw new StateConflictException(writes[(int)lost - 1].Key);
    }

    public async Task<bool> DeleteAsync(string key, string expectedETag, CancellationToken cancellationToken = default) =>
        (long)await Guard(() => Database.ScriptEvaluateAsync(DeleteScript, [Key(key)], [expectedETag])).ConfigureAwait(false) > 0;

    /// <summary>Deletes every item whose key starts with <paramref name="keyPrefix"/> (under this store's prefix); returns how many.</summary>
    public async Task<int> DeleteByPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            var batch = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(Database.Database, pattern: Glob(_prefix + keyPrefix) + "*", pageSize: 500).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(key);
            }

            if (batch.Count > 0)
            {
                deleted += (int)await Guard(() => Database.KeyDeleteAsync([.. batch])).ConfigureAwait(false);
            }
        }

        return deleted;
    }

    private RedisKey Key(string key) => _prefix + key;

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewETag() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    private static string Glob(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("?", "\\?", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);

    /// <summary>Runs one Redis call; a connection failure or timeout becomes <see cref="StateUnavailableException"/>.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StateUnavailableException("Redis is unavailable: " + ex.GetType().Name, ex);
        }
    }

    internal static bool IsUnavailable(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
        || (ex is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal) || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)));
}
