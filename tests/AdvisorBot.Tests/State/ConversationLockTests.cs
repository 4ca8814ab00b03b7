using AdvisorBot.State;

namespace AdvisorBot.Tests.State;

public sealed class ConversationLockTests
{
    [Fact]
    public async Task Acquire_SameKey_RunsOneAtATime()
    {
        var locks = new InProcessConversationLock();
        var inside = 0;
        var maxInside = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var held = await locks.AcquireAsync("conversation/a");
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Delay(2);
            Interlocked.Decrement(ref inside);
        })));

        Assert.Equal(1, maxInside);
        Assert.Equal(0, locks.ActiveKeys);
    }

    [Fact]
    public async Task Acquire_DifferentKeys_RunInParallel()
    {
        var locks = new InProcessConversationLock();
        await using var a = await locks.AcquireAsync("conversation/a");
        var b = locks.AcquireAsync("conversation/b").AsTask();
        Assert.True(b.IsCompleted || await Task.WhenAny(b, Task.Delay(TimeSpan.FromSeconds(5))) == b);
        await (await b).DisposeAsync();
    }

    [Fact]
    public async Task Acquire_Cancelled_LeavesNoKeyBehind()
    {
        var locks = new InProcessConversationLock();
        var held = await locks.AcquireAsync("k");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await locks.AcquireAsync("k", cts.Token));
        await held.DisposeAsync();
        Assert.Equal(0, locks.ActiveKeys);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
