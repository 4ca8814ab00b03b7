using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AdvisorBot.State;

/// <summary>
/// The embedded default <see cref="IStateStore"/>: one SQLite file in WAL mode, created on first use.
/// The ETag is a per-item version number, and every write is a conditional UPDATE or INSERT, so the race is decided
/// inside SQLite and several processes may share the file. Within this process, writes queue for one dedicated
/// connection with prepared statements (SQLite has a single writer anyway); reads use pooled connections and run in
/// parallel with writes (WAL). Expired rows read as absent and are swept now and then.
/// </summary>
public sealed partial class SqliteStateStore : IStateStore, IDisposable
{
    private const int SweepEvery = 10_000;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _create;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteVersion;
    private readonly SqliteCommand _sweep;
    private readonly SqliteCommand _deletePrefix;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly ITimer _checkpointTimer;
    private long _writes;
    private long _checkpointedAt;

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

        _writer = OpenWriter(_connectionString);
        const string insert = "INSERT INTO state_items (key, value, version, expires_at) VALUES ($key, $value, 1, $expires) ";
        const string bump = "ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = state_items.version + 1, expires_at = excluded.expires_at ";
        _upsert = Prepare(insert + bump + "RETURNING version", "$key", "$value", "$expires");
        // Create only: succeeds when there is no row, or only an expired one.
        _create = Prepare(insert + bump + "WHERE state_items.expires_at <= $now RETURNING version", "$key", "$value", "$expires", "$now");
        _update = Prepare("UPDATE state_items SET value = $value, version = version + 1, expires_at = $expires WHERE key = $key AND version = $expected AND expires_at > $now RETURNING version",
            "$key", "$value", "$expires", "$now", "$expected");
        _delete = Prepare("DELETE FROM state_items WHERE key = $key", "$key");
        _deleteVersion = Prepare("DELETE FROM state_items WHERE key = $key AND version = $expected", "$key", "$expected");
        _sweep = Prepare("DELETE FROM state_items WHERE expires_at <= $now", "$now");
        // Keys are compared as text: every key starting with the prefix sorts in [prefix, prefix + U+FFFF).
        _deletePrefix = Prepare("DELETE FROM state_items WHERE key >= $from AND key < $to", "$from", "$to");
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");

        // A checkpoint inside a commit stalls every queued write for its whole duration (a p99 of ~50 ms under load).
        // Checkpointing from a timer on its own connection, in PASSIVE mode, never blocks the writer.
        _checkpointTimer = timeProvider.CreateTimer(_ => Checkpoint(), null, CheckpointInterval, CheckpointInterval);
    }

    /// <summary>The dedicated writer connection, with WAL, the table and its index in place.</summary>
    private static SqliteConnection OpenWriter(string connectionString)
    {
        var writer = new SqliteConnection(connectionString);
        writer.Open();
        using (var setup = writer.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA wal_autocheckpoint = 0;
                PRAGMA secure_delete = ON;
                CREATE TABLE IF NOT EXISTS state_items (
                    key        TEXT    NOT NULL PRIMARY KEY,
                    value      BLOB    NOT NULL,
                    version    INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS state_items_expiry ON state_items (expires_at);
                """;
            setup.ExecuteNonQuery();
        }

        return writer;
    }

    /// <summary>Copies the WAL into the database file when there were writes since the last time.</summary>
    private void Checkpoint()
    {
        var writes = Interlocked.Read(ref _writes);
        if (writes == Interlocked.Exchange(ref _checkpointedAt, writes))
        {
            return;
        }

        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy or closing: the next tick tries again.
        }
    }

    public string ConnectionString => _connectionString;

    public async Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
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

    public async Task<bool> DeleteAsync(string key, string expectedETag, CancellationToken cancellationToken = default)
    {
        long expected = 0;
        if (expectedETag != IStateStore.AnyETag && !long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            return false;
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = expectedETag == IStateStore.AnyETag ? _delete : _deleteVersion;
            command.Parameters["$key"].Value = key;
            if (command == _deleteVersion)
            {
                command.Parameters["$expected"].Value = expected;
            }

            return command.ExecuteNonQuery() > 0;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> DeleteByPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _deletePrefix.Parameters["$from"].Value = keyPrefix;
            _deletePrefix.Parameters["$to"].Value = keyPrefix + '\uffff';
            return _deletePrefix.ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Deleted rows are zeroed in the database pages already (<c>secure_delete</c>); the write-ahead log still holds
    /// the pages as they were, so it is copied back and truncated to nothing.
    /// </summary>
    public async Task ScrubAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _writer.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => SweepExpiredAsync(cancellationToken);

    /// <summary>Deletes expired rows; returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _sweep.Parameters["$now"].Value = Now();
            return _sweep.ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _checkpointTimer.Dispose();
        foreach (var command in new[] { _upsert, _create, _update, _delete, _deleteVersion, _sweep, _deletePrefix, _begin, _commit, _rollback })
        {
            command.Dispose();
        }

        _writer.Dispose();
        _writeGate.Dispose();
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _writer.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        command.Prepare();
        return command;
    }
}
