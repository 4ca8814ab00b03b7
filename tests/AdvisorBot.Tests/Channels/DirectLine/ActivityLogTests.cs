using AdvisorBot.Channels.DirectLine;
using AdvisorBot.Protocol;
using AdvisorBot.State;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Tests.Channels.DirectLine;

/// <summary>The activity log over the state store, as two instances sharing one store would use it (no common lock).</summary>
public sealed class ActivityLogTests
{
    [Fact]
    public async Task TwoInstancesAppendingAtOnce_LoseNothing_AndNumberEveryActivityOnce()
    {
        var store = new InMemoryStateStore(TimeProvider.System);
        var options = Options.Create(new DirectLineOptions());
        var notified = 0;
        var notifier = new InProcessActivityNotifier();
        using var subscription = notifier.Subscribe("c1", () => Interlocked.Increment(ref notified));
        var one = new StateStoreActivityLog(store, notifier, options, Options.Create(new PrivacyOptions()), TimeProvider.System);
        var two = new StateStoreActivityLog(store, new InProcessActivityNotifier(), options, Options.Create(new PrivacyOptions()), TimeProvider.System);
        Assert.True(await one.CreateAsync("c1", "u", default));
        Assert.False(await two.CreateAsync("c1", "u", default)); // already there

        var appends = Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? one : two)
            .AppendAsync("c1", [new Activity { Type = "message", Text = $"m{i}" }], default)));
        var stored = (await Task.WhenAll(appends)).SelectMany(a => a).ToList();

        var all = await one.ReadAsync("c1", 0, 100, default);
        Assert.Equal("40", all!.Watermark);
        Assert.Equal(40, all.Activities.Select(a => a.Text).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => StateStoreActivityLog.ActivityId("c1", i)), all.Activities.Select(a => a.Id));
        Assert.Equal(stored.Select(a => a.Id).Order(StringComparer.Ordinal), all.Activities.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(20, notified); // this instance's appends woke its streams

        var page = await two.ReadAsync("c1", 38, 100, default);
        Assert.Equal(all.Activities.Skip(38).Select(a => a.Id), page!.Activities.Select(a => a.Id));
        Assert.Null(await one.ReadAsync("unknown", 0, 10, default));
    }
}
