using System.Text;
using AdvisorBot.State;
using Microsoft.Extensions.Time.Testing;

namespace AdvisorBot.Tests.State;

/// <summary>The <see cref="IStateStore"/> contract, run against every implementation.</summary>
public abstract class StateStoreContract : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    protected abstract IStateStore Store { get; }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static string Text(StoredItem? item) => Encoding.UTF8.GetString(item!.Value.Span);

    [Fact]
    public async Task Read_Missing_IsNull() => Assert.Null(await Store.ReadAsync("nope"));

    [Fact]
    public async Task Write_CreateOnly_ThenReadBackWithETag()
    {
        var etag = await Store.WriteAsync("k", Bytes("v1"), expectedETag: null, Ttl);
        var item = await Store.ReadAsync("k");
        Assert.Equal("v1", Text(item));
        Assert.Equal(etag, item!.ETag);
    }

    [Fact]
    public async Task Write_CreateOnlyTwice_Conflicts()
    {
        await Store.WriteAsync("k", Bytes("v1"), null, Ttl);
        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync("k", Bytes("v2"), null, Ttl));
        Assert.Equal("v1", Text(await Store.ReadAsync("k")));
    }

    [Fact]
    public async Task Write_WithCurrentETag_ReplacesAndChangesETag()
    {
        var first = await Store.WriteAsync("k", Bytes("v1"), null, Ttl);
        var second = await Store.WriteAsync("k", Bytes("v2"), first, Ttl);
        Assert.NotEqual(first, second);
        Assert.Equal("v2", Text(await Store.ReadAsync("k")));
    }

    [Fact]
    public async Task Write_WithStaleETag_ConflictsAndKeepsTheNewerValue()
    {
        var first = await Store.WriteAsync("k", Bytes("v1"), null, Ttl);
        await Store.WriteAsync("k", Bytes("v2"), first, Ttl);
        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync("k", Bytes("lost update"), first, Ttl));
        Assert.Equal("v2", Text(await Store.ReadAsync("k")));
    }

    [Fact]
    public async Task Write_AnyETag_AlwaysWrites()
    {
        await Store.WriteAsync("k", Bytes("v1"), IStateStore.AnyETag, Ttl);
        await Store.WriteAsync("k", Bytes("v2"), IStateStore.AnyETag, Ttl);
        Assert.Equal("v2", Text(await Store.ReadAsync("k")));
    }

    [Fact]
    public async Task Read_AfterTimeToLive_IsNullAndTheKeyCanBeCreatedAgain()
    {
        var etag = await Store.WriteAsync("k", Bytes("v1"), null, Ttl);
        Time.Advance(Ttl + TimeSpan.FromSeconds(1));
        Assert.Null(await Store.ReadAsync("k"));
        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync("k", Bytes("v2"), etag, Ttl));
        await Store.WriteAsync("k", Bytes("v3"), null, Ttl);
        Assert.Equal("v3", Text(await Store.ReadAsync("k")));
    }

    [Fact]
    public async Task Write_Again_ExtendsTheTimeToLive()
    {
        var etag = await Store.WriteAsync("k", Bytes("v1"), null, Ttl);
        Time.Advance(Ttl - TimeSpan.FromMinutes(1));
        await Store.WriteAsync("k", Bytes("v2"), etag, Ttl);
        Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("v2", Text(await Store.ReadAsync("k")));
    }

    [Fact]
    public async Task Delete_WithStaleETag_KeepsTheItem()
    {
        var first = await Store.WriteAsync("k", Bytes("v1"), null, Ttl);
        var second = await Store.WriteAsync("k", Bytes("v2"), first, Ttl);
        Assert.False(await Store.DeleteAsync("k", first));
        Assert.True(await Store.DeleteAsync("k", second));
        Assert.Null(await Store.ReadAsync("k"));
    }

    [Fact]
    public async Task Write_ConcurrentReadModifyWrite_LosesNoIncrement()
    {
        await Store.WriteAsync("counter", Bytes("0"), null, Ttl);
        async Task IncrementAsync()
        {
            while (true)
            {
                var item = await Store.ReadAsync("counter");
                var next = int.Parse(Text(item), System.Globalization.CultureInfo.InvariantCulture) + 1;
                try
                {
                    await Store.WriteAsync("counter", Bytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)), item!.ETag, Ttl);
                    return;
                }
                catch (StateConflictException)
                {
                    // Lost the race: read again.
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(IncrementAsync)));
        Assert.Equal("40", Text(await Store.ReadAsync("counter")));
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

public sealed class InMemoryStateStoreTests : StateStoreContract
{
    private readonly InMemoryStateStore _store;

    public InMemoryStateStoreTests() => _store = new InMemoryStateStore(Time);

    protected override IStateStore Store => _store;
}

public sealed class SqliteStateStoreTests : StateStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "advisorbot-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteStateStore _store;

    public SqliteStateStoreTests() => _store = new SqliteStateStore(Path.Combine(_folder, "nested", "state.db"), Time);

    protected override IStateStore Store => _store;

    [Fact]
    public void Constructor_NestedPath_CreatesTheFileInWalMode()
    {
        Assert.True(File.Exists(Path.Combine(_folder, "nested", "state.db")));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Read_NewStoreOnTheSameFile_ReturnsTheDataWrittenBefore()
    {
        await _store.WriteAsync("k", Encoding.UTF8.GetBytes("kept"), null, TimeSpan.FromHours(1));
        using var reopened = new SqliteStateStore(Path.Combine(_folder, "nested", "state.db"), Time);
        var item = await reopened.ReadAsync("k");
        Assert.Equal("kept", Encoding.UTF8.GetString(item!.Value.Span));
    }

    [Fact]
    public async Task SweepExpired_ExpiredAndLiveRows_RemovesOnlyTheExpired()
    {
        await _store.WriteAsync("old", Encoding.UTF8.GetBytes("x"), null, TimeSpan.FromMinutes(1));
        await _store.WriteAsync("new", Encoding.UTF8.GetBytes("y"), null, TimeSpan.FromHours(1));
        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _store.SweepExpiredAsync());
        Assert.NotNull(await _store.ReadAsync("new"));
    }

    public override void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }

        base.Dispose();
    }
}

/// <summary>The same contract on a real redis-server; each test has its own key prefix.</summary>
public sealed class RedisStateStoreTests(RedisServer redis) : StateStoreContract, IClassFixture<RedisServer>
{
    private readonly Lazy<StackExchange.Redis.ConnectionMultiplexer> _connection = new(redis.Connect);

    private string Prefix { get; } = $"test-{Guid.NewGuid():N}:";

    protected override IStateStore Store => new AdvisorBot.State.Redis.RedisStateStore(_connection.Value, Prefix, Time);

    [Fact]
    public async Task Write_SetsARedisTimeToLive_AndKeysStayUnderThePrefix()
    {
        await Store.WriteAsync("conversation/1", Encoding.UTF8.GetBytes("x"), null, TimeSpan.FromMinutes(10));
        var database = _connection.Value.GetDatabase();
        var ttl = await database.KeyTimeToLiveAsync(Prefix + "conversation/1");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(12));
        Assert.False(await database.KeyExistsAsync("conversation/1"));
    }

    [Fact]
    public async Task WriteBatch_OneStaleETag_WritesNothing()
    {
        var a = await Store.WriteAsync("a", Encoding.UTF8.GetBytes("a1"), null, TimeSpan.FromHours(1));
        await Store.WriteAsync("b", Encoding.UTF8.GetBytes("b1"), null, TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteBatchAsync([
            new StateWrite("a", Encoding.UTF8.GetBytes("a2"), a, TimeSpan.FromHours(1)),
            new StateWrite("b", Encoding.UTF8.GetBytes("b2"), "stale", TimeSpan.FromHours(1))]));
        Assert.Equal("a1", Encoding.UTF8.GetString((await Store.ReadAsync("a"))!.Value.Span));
        Assert.Equal("b1", Encoding.UTF8.GetString((await Store.ReadAsync("b"))!.Value.Span));
    }

    [Fact]
    public async Task Redis_Down_ThrowsStateUnavailable_AndWorksAgainAfterItIsBack()
    {
        await using var own = new RedisServer();
        await own.InitializeAsync();
        var configuration = StackExchange.Redis.ConfigurationOptions.Parse(own.ConnectionString);
        configuration.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(configuration);
        var store = new AdvisorBot.State.Redis.RedisStateStore(connection, "down:", TimeProvider.System);
        var etag = await store.WriteAsync("k", Encoding.UTF8.GetBytes("v1"), null, TimeSpan.FromHours(1));

        await own.StopAsync();
        await Assert.ThrowsAsync<StateUnavailableException>(() => store.ReadAsync("k"));
        await Assert.ThrowsAsync<StateUnavailableException>(() => store.WriteAsync("k", Encoding.UTF8.GetBytes("v2"), etag, TimeSpan.FromHours(1)));

        await own.StartAsync(); // an empty Redis (no persistence): the store works again without a restart of ours
        for (var i = 0; i < 100 && !connection.IsConnected; i++)
        {
            await Task.Delay(100);
        }

        Assert.Null(await store.ReadAsync("k"));
        await store.WriteAsync("k", Encoding.UTF8.GetBytes("v3"), null, TimeSpan.FromHours(1));
        Assert.Equal("v3", Encoding.UTF8.GetString((await store.ReadAsync("k"))!.Value.Span));
    }

    public override void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }

        base.Dispose();
    }
}
