namespace AdvisorBot.State;

/// <summary>One stored value with the ETag to pass back when it is written again.</summary>
public sealed record StoredItem(ReadOnlyMemory<byte> Value, string ETag);

/// <summary>
/// Key-value storage for per-conversation and per-user data, with optimistic concurrency: every write says which
/// version it replaces, and a write against a version that is no longer current fails with
/// <see cref="StateConflictException"/>. Items expire after their time to live unless written again.
/// Implementations: SQLite (embedded default), in-memory (tests); Redis is the planned scale-out one.
/// Values are opaque bytes: what they hold is the business of the part that owns the key (<see cref="StateSlot{T}"/>).
/// </summary>
public interface IStateStore
{
    Task<StoredItem?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="value"/> if the stored version is <paramref name="expectedETag"/>
    /// (null: only if there is none, <see cref="AnyETag"/>: whatever there is). Returns the new ETag.
    /// </summary>
    Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes every item of <paramref name="writes"/> or none: each against its expected version as in
    /// <see cref="WriteAsync"/>; one lost race throws <see cref="StateConflictException"/> and nothing is written.
    /// Returns the new ETags in the order of the writes.
    /// </summary>
    Task<IReadOnlyList<string>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Deletes the item if its version is <paramref name="expectedETag"/> (or any, with <see cref="AnyETag"/>).</summary>
    Task<bool> DeleteAsync(string key, string expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes every item whose key starts with <paramref name="keyPrefix"/> (a Direct Line log's activities); returns how many.</summary>
    Task<int> DeleteByPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes deleted data unreadable from the store's own files too (SQLite: deleted content is zeroed and the
    /// write-ahead log emptied), after a user asked to be forgotten. Stores that keep nothing on disk do nothing.
    /// </summary>
    Task ScrubAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Removes expired items now (the background purge); returns how many. Stores that expire items themselves return 0.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    public const string AnyETag = "*";
}

/// <summary>Ids that are hard to guess: conversation ids, plan ids (22 letters and digits, about 131 bits).</summary>
public static class UnguessableId
{
    public static string New() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 22);
}

/// <summary>A write lost a race: someone else wrote the item since it was read.</summary>
public sealed class StateConflictException : Exception
{
    public StateConflictException(string key) : base($"State item '{key}' was changed by someone else.") => Key = key;

    public StateConflictException() : this(string.Empty) { }

    public StateConflictException(string message, Exception innerException) : base(message, innerException) => Key = string.Empty;

    public string Key { get; }
}
