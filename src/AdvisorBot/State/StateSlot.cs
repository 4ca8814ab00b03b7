using System.Text.Json.Serialization.Metadata;

namespace AdvisorBot.State;

/// <summary>
/// One typed item of the store: its key, its JSON shape and how long it lives. The store itself holds opaque bytes;
/// the slot says what they are. <paramref name="Cache"/>: keep the value read in the in-process cache (for immutable
/// values only; a stale entry can only cause a conflict and a retry, never a lost update).
/// </summary>
public sealed record StateSlot<T>(string Key, JsonTypeInfo<T> Json, TimeSpan TimeToLive, bool Cache = false) where T : class;

/// <summary>One write of a batch: the value, the version it replaces (see <see cref="IStateStore.WriteAsync"/>) and its time to live.</summary>
public sealed record StateWrite(string Key, ReadOnlyMemory<byte> Value, string? ExpectedETag, TimeSpan TimeToLive);
