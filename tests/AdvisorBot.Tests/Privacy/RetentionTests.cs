using System.Text;
using AdvisorBot.State.Redis;
using AdvisorBot.Tests.State;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdvisorBot.Tests.Privacy;

/// <summary>Expired data leaves the store's files on a schedule (SQLite) or by itself (Redis); text lives no longer than Privacy:TextRetention.</summary>
public sealed class RetentionTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Purge_OnTheHostsClock_DeletesExpiredRowsFromTheSqliteFile()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AdvisorBotApp();
        await using var host = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Privacy:PurgeInterval", "00:10:00");
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(time));
        });
        _ = host.Server; // started: the purge's timer runs on the fake clock
        var store = host.Services.GetRequiredService<IStateStore>();
        await store.WriteAsync("conversation/test/old", Encoding.UTF8.GetBytes("old words"), null, TimeSpan.FromMinutes(5));
        await store.WriteAsync("conversation/test/new", Encoding.UTF8.GetBytes("new words"), null, TimeSpan.FromDays(1));
        Assert.Equal(2, Rows(app.StatePath));

        time.Advance(TimeSpan.FromMinutes(11));
        for (var i = 0; i < 100 && Rows(app.StatePath) > 1; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, Rows(app.StatePath));
        Assert.NotNull(await store.ReadAsync("conversation/test/new"));
    }

    [Fact]
    public async Task Redis_ExpiresItemsItself_AfterTheirTimeToLive()
    {
        using var connection = redis.Connect();
        var store = new RedisStateStore(connection, "retention-test:", TimeProvider.System);
        await store.WriteAsync("conversation/test/short", Encoding.UTF8.GetBytes("words"), null, TimeSpan.FromMilliseconds(300));
        Assert.True(await connection.GetDatabase().KeyExistsAsync("retention-test:conversation/test/short"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(await connection.GetDatabase().KeyExistsAsync("retention-test:conversation/test/short"));
    }

    [Fact]
    public void Session_CapsEveryItemAtTheTextRetention()
    {
        var store = new InMemoryStateStore(TimeProvider.System);
        var session = new StateSession(store, new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()),
            TimeSpan.Zero, maxTimeToLive: TimeSpan.FromDays(2));
        session.Set(ChecklistSlots.Progress("test:u", "p"), new ChecklistProgress { ProfileId = "p" });
        var write = Assert.Single(session.PendingWrites);
        Assert.Equal(TimeSpan.FromDays(2), write.TimeToLive); // not the checklist's own 180 days
    }

    private static long Rows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM state_items WHERE key LIKE 'conversation/test/%'";
        return (long)command.ExecuteScalar()!;
    }
}
