using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AdvisorBot.State;

/// <summary>
/// The embedded default <see cref="IStateStore"/>: one SQLite file in WAL mode, created on first use.
/// The ETag is a per-item version number; a conditional UPDATE or INSERT decides every race inside SQLite,
/// so several processes may share the file. Expired rows read as absent and are swept now and then.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly SqliteConnection _keepAlive;
    private long _writesSinceSweep;

    public SqliteStateStore(string path, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _timeProvider = timeProvider;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        // One connection stays open for the store's lifetime: it keeps the WAL index warm and the pool primed.
        _keepAlive = new SqliteConnection(_connectionString);
        _keepAlive.Open();
        Execute(_keepAlive, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS state_items (
                key        TEXT    NOT NULL PRIMARY KEY,
                value      BLOB    NOT NULL,
                version    INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS state_items_expiry ON state_items (expires_at);
            """);
    }

    public string ConnectionString => _connectionString;

    public async Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value, version FROM state_items WHERE key = $key AND expires_at > $now";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", Now());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var value = (byte[])reader.GetValue(0);
        return new StoredItem(value, reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var now = Now();
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value.ToArray());
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$expires", now + (long)timeToLive.TotalMilliseconds);
        switch (expectedETag)
        {
            case IStateStore.AnyETag:
                command.CommandText = """
                    INSERT INTO state_items (key, value, version, expires_at) VALUES ($key, $value, 1, $expires)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = state_items.version + 1, expires_at = excluded.expires_at
                    RETURNING version
                    """;
                break;
            case null:
                // Create only: succeeds when there is no row, or only an expired one.
                command.CommandText = """
                    INSERT INTO state_items (key, value, version, expires_at) VALUES ($key, $value, 1, $expires)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = state_items.version + 1, expires_at = excluded.expires_at
                    WHERE state_items.expires_at <= $now
                    RETURNING version
                    """;
                break;
            default:
                if (!long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
                {
                    throw new StateConflictException(key);
                }

                command.CommandText = """
                    UPDATE state_items SET value = $value, version = version + 1, expires_at = $expires
                    WHERE key = $key AND version = $expected AND expires_at > $now
                    RETURNING version
                    """;
                command.Parameters.AddWithValue("$expected", expected);
                break;
        }

        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (result is not long version)
        {
            throw new StateConflictException(key);
        }

        if (Interlocked.Increment(ref _writesSinceSweep) % 10_000 == 0)
        {
            await SweepExpiredAsync(cancellationToken).ConfigureAwait(false);
        }

        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> DeleteAsync(string key, string expectedETag, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$key", key);
        if (expectedETag == IStateStore.AnyETag)
        {
            command.CommandText = "DELETE FROM state_items WHERE key = $key";
        }
        else if (long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            command.CommandText = "DELETE FROM state_items WHERE key = $key AND version = $expected";
            command.Parameters.AddWithValue("$expected", expected);
        }
        else
        {
            return false;
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Deletes expired rows; returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM state_items WHERE expires_at <= $now";
        command.Parameters.AddWithValue("$now", Now());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _keepAlive.Dispose();
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
