using System.Threading.RateLimiting;
using AdvisorBot.State;
using AdvisorBot.State.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>Whether a post may go ahead, and if not, how long to wait.</summary>
public readonly record struct RateDecision(bool Acquired, TimeSpan RetryAfter);

/// <summary>Per-conversation (so per-token) limit on posted activities: a token bucket, answered with 429 when empty.</summary>
public interface IDirectLineRateLimiter
{
    ValueTask<RateDecision> AcquireAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>The bucket in this process (one instance).</summary>
public sealed class DirectLineRateLimiter : IDirectLineRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public DirectLineRateLimiter(IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.PostBurst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, o.PostsPerMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public ValueTask<RateDecision> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var lease = _limiter.AttemptAcquire(conversationId);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(2);
        return ValueTask.FromResult(new RateDecision(lease.IsAcquired, retryAfter));
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// The same bucket in Redis, shared by every instance: one Lua script refills by Redis's own clock and takes a token,
/// so a client cannot multiply its allowance by spreading posts over instances.
/// </summary>
public sealed class RedisDirectLineRateLimiter(IConnectionMultiplexer redis, string keyPrefix, IOptions<DirectLineOptions> options) : IDirectLineRateLimiter
{
    // KEYS[1]: the bucket; ARGV: burst, milliseconds per token. Returns 0 when taken, else the milliseconds to wait.
    private const string TakeScript = """
        local burst = tonumber(ARGV[1])
        local every = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = t[1] * 1000 + math.floor(t[2] / 1000)
        local state = redis.call('HMGET', KEYS[1], 'n', 't')
        local tokens = tonumber(state[1]) or burst
        local at = tonumber(state[2]) or now
        tokens = math.min(burst, tokens + (now - at) / every)
        local wait = 0
        if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * every) end
        redis.call('HSET', KEYS[1], 'n', tostring(tokens), 't', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(burst * every) + 1000)
        return wait
        """;

    private readonly DirectLineOptions _options = options.Value;

    public async ValueTask<RateDecision> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var every = (long)(TimeSpan.FromMinutes(1) / Math.Max(1, _options.PostsPerMinute)).TotalMilliseconds;
        var wait = (long)await RedisStateStore.Guard(() => redis.GetDatabase().ScriptEvaluateAsync(TakeScript,
            [(RedisKey)(keyPrefix + "ratelimit/directline/" + conversationId)], [Math.Max(1, _options.PostBurst), Math.Max(1, every)])).ConfigureAwait(false);
        return new RateDecision(wait == 0, TimeSpan.FromMilliseconds(Math.Max(wait, 1)));
    }
}
