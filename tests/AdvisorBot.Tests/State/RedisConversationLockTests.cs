using AdvisorBot.State.Redis;

namespace AdvisorBot.Tests.State;

/// <summary>The turn lock across instances: two connections stand for two instances sharing one redis-server.</summary>
public sealed class RedisConversationLockTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly StackExchange.Redis.ConnectionMultiplexer _a = redis.Connect();
    private readonly StackExchange.Redis.ConnectionMultiplexer _b = redis.Connect();
    private readonly string _prefix = $"lock-test-{Guid.NewGuid():N}:";

    private RedisConversationLock Lock(StackExchange.Redis.ConnectionMultiplexer connection, double leaseSeconds = 5) =>
        new(connection, _prefix, TimeSpan.FromSeconds(leaseSeconds), maxWait: TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Acquire_SameKeyFromTwoInstances_RunsOneAtATime()
    {
        var locks = new[] { Lock(_a), Lock(_b) };
        var inside = 0;
        var maxInside = 0;
        var runs = 0;
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            await using var held = await locks[i % 2].AcquireAsync("conversation/a");
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Delay(3);
            Interlocked.Decrement(ref inside);
            Interlocked.Increment(ref runs);
        })));

        Assert.Equal(1, maxInside);
        Assert.Equal(30, runs);
        Assert.False(await _a.GetDatabase().KeyExistsAsync(_prefix + "lock/conversation/a")); // released, not left to expire
    }

    [Fact]
    public async Task Acquire_HolderDiesWithoutReleasing_TheLeaseRunsOutAndTheOtherInstanceGoesOn()
    {
        var dying = redis.Connect();
        _ = await Lock(dying, leaseSeconds: 1).AcquireAsync("conversation/crash");
        dying.Dispose(); // the instance is gone: no release, no renewal

        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (await Lock(_b).AcquireAsync("conversation/crash"))
        {
            Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(3));
        }
    }

    [Fact]
    public async Task Acquire_LongTurn_IsRenewedPastItsLease()
    {
        Task<IAsyncDisposable> second;
        await using (await Lock(_a, leaseSeconds: 1).AcquireAsync("conversation/long"))
        {
            second = Lock(_b).AcquireAsync("conversation/long").AsTask();
            await Task.Delay(2500); // two and a half leases: the renewal keeps it held
            Assert.False(second.IsCompleted);
        }

        await using (await second.WaitAsync(TimeSpan.FromSeconds(5)))
        {
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
