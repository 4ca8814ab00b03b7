using StackExchange.Redis;

namespace AdvisorBot.State.Redis;

/// <summary>
/// Runs the turns of one conversation one at a time across every instance that shares Redis: a lease
/// (<c>SET NX PX</c>) holding a random token, renewed while the turn runs and released by a compare-and-delete, so an
/// instance only ever releases its own lease. A holder that dies stops renewing and its lease runs out after
/// <see cref="StateOptions.LockLease"/>. Should a lease run out under a live holder (a long pause), the ETag check of
/// <see cref="IStateStore"/> still refuses the second writer: the lock orders turns, the ETags keep them correct.
/// </summary>
public sealed class RedisConversationLock(IConnectionMultiplexer redis, string keyPrefix, TimeSpan lease, TimeSpan maxWait) : IConversationLock
{
    private const string RenewScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        var lockKey = (RedisKey)(keyPrefix + "lock/" + key);
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var database = redis.GetDatabase();
        var deadline = DateTime.UtcNow + maxWait;
        var pause = 1;
        while (!await RedisStateStore.Guard(() => database.StringSetAsync(lockKey, token, lease, When.NotExists)).ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new StateUnavailableException($"The turn lock of '{key}' stayed taken for {maxWait.TotalSeconds:0} s.");
            }

            // Contention is rare (one person's own conversation): poll quickly at first, then back off to 25 ms.
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = Math.Min(25, pause * 2);
        }

        return new Lease(database, lockKey, token, lease);
    }

    private sealed class Lease : IAsyncDisposable
    {
        private readonly IDatabase _database;
        private readonly RedisKey _key;
        private readonly RedisValue _token;
        private readonly long _leaseMilliseconds;
        private readonly Timer _renewal;
        private int _released;

        public Lease(IDatabase database, RedisKey key, RedisValue token, TimeSpan lease)
        {
            _database = database;
            _key = key;
            _token = token;
            _leaseMilliseconds = (long)lease.TotalMilliseconds;
            var every = lease / 3;
            _renewal = new Timer(_ => Renew(), null, every, every);
        }

        private void Renew()
        {
            // Fire and forget: a failed renewal only shortens the lease, and the ETags still guard the writes.
            _ = _database.ScriptEvaluateAsync(RenewScript, [_key], [_token, _leaseMilliseconds], CommandFlags.FireAndForget);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            await _renewal.DisposeAsync().ConfigureAwait(false);
            try
            {
                await _database.ScriptEvaluateAsync(ReleaseScript, [_key], [_token]).ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisStateStore.IsUnavailable(ex))
            {
                // Redis went away: the lease runs out on its own.
            }
        }
    }
}
