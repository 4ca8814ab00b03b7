using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>Per-conversation (so per-token) limit on posted activities: a token bucket, answered with 429 when empty.</summary>
public sealed class DirectLineRateLimiter : IDisposable
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

    public RateLimitLease Acquire(string conversationId) => _limiter.AttemptAcquire(conversationId);

    public void Dispose() => _limiter.Dispose();
}
