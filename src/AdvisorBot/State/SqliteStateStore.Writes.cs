using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AdvisorBot.State;

/// <summary>Conditional writes, one at a time or as one all-or-nothing transaction, on the dedicated writer connection.</summary>
public sealed partial class SqliteStateStore
{
    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Write(new StateWrite(key, value, expectedETag, timeToLive), Now()) ?? throw new StateConflictException(key);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One transaction: SQLite decides every conditional write inside it, and a lost race rolls all of them back.
            _begin.ExecuteNonQuery();
            var etags = new List<string>(writes.Count);
            var now = Now();
            foreach (var write in writes)
            {
                if (Write(write, now) is not { } etag)
                {
                    _rollback.ExecuteNonQuery();
                    throw new StateConflictException(write.Key);
                }

                etags.Add(etag);
            }

            _commit.ExecuteNonQuery();
            return etags;
        }
        catch (SqliteException)
        {
            RollBackQuietly();
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void RollBackQuietly()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // No transaction was open (BEGIN itself failed).
        }
    }

    /// <summary>One conditional write on the writer connection (the caller holds the write gate); null: the race was lost.</summary>
    private string? Write(StateWrite write, long now)
    {
        long expected = 0;
        if (write.ExpectedETag is not (null or IStateStore.AnyETag)
            && !long.TryParse(write.ExpectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            return null;
        }

        var command = write.ExpectedETag switch
        {
            IStateStore.AnyETag => _upsert,
            null => _create,
            _ => _update,
        };
        command.Parameters["$key"].Value = write.Key;
        command.Parameters["$value"].Value = write.Value.ToArray();
        command.Parameters["$expires"].Value = now + (long)write.TimeToLive.TotalMilliseconds;
        if (command != _upsert)
        {
            command.Parameters["$now"].Value = now;
        }

        if (command == _update)
        {
            command.Parameters["$expected"].Value = expected;
        }

        var result = command.ExecuteScalar();
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            _sweep.Parameters["$now"].Value = now;
            _sweep.ExecuteNonQuery();
        }

        return result is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
    }
}
