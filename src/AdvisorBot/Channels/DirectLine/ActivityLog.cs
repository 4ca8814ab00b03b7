using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdvisorBot.Protocol;
using AdvisorBot.State;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>A Direct Line conversation as its log header records it.</summary>
public sealed record DirectLineConversation(string Id, string? UserId, DateTimeOffset Created, int Count);

/// <summary>A page of a conversation's activities and the watermark to continue from.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

/// <summary>The conversation has as many activities as it may hold.</summary>
public sealed class ConversationFullException(string conversationId)
    : Exception($"Conversation '{conversationId}' holds the most activities allowed.");

/// <summary>
/// The ordered activity log of each Direct Line conversation: the user's activities (echoed back, as the real
/// service does) and the bot's replies. Watermarks are positions in the log. Appends for one conversation are
/// serialised by the caller's conversation lock; the header's ETag guards against a second instance regardless.
/// </summary>
public interface IActivityLog
{
    Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Creates the conversation if it does not exist; true if it was created now.</summary>
    Task<bool> CreateAsync(string conversationId, string? userId, CancellationToken cancellationToken);

    /// <summary>Appends activities, giving each its id (<c>{conversationId}|{position}</c>) in order; returns them as stored.</summary>
    Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    /// <summary>The activities after <paramref name="watermark"/> (null or empty: from the start), at most <paramref name="max"/>.</summary>
    Task<ActivitySet?> ReadAsync(string conversationId, int watermark, int max, CancellationToken cancellationToken);
}

/// <summary>Tells the WebSocket streams of a conversation that its log grew. In process here; Redis pub/sub when scaled out.</summary>
public interface IActivityNotifier
{
    IDisposable Subscribe(string conversationId, Action onAppended);

    void Publish(string conversationId);
}

public sealed class InProcessActivityNotifier : IActivityNotifier
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, bool>> _subscribers = new(StringComparer.Ordinal);

    public IDisposable Subscribe(string conversationId, Action onAppended)
    {
        var subscription = new Subscription(this, conversationId, onAppended);
        _subscribers.GetOrAdd(conversationId, _ => new()).TryAdd(subscription, true);
        return subscription;
    }

    public void Publish(string conversationId)
    {
        if (_subscribers.TryGetValue(conversationId, out var subscribers))
        {
            foreach (var subscriber in subscribers.Keys)
            {
                subscriber.OnAppended();
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        if (_subscribers.TryGetValue(subscription.ConversationId, out var subscribers))
        {
            subscribers.TryRemove(subscription, out _);
            if (subscribers.IsEmpty)
            {
                _subscribers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Subscription, bool>>(subscription.ConversationId, subscribers));
            }
        }
    }

    private sealed class Subscription(InProcessActivityNotifier owner, string conversationId, Action onAppended) : IDisposable
    {
        public string ConversationId => conversationId;

        public Action OnAppended => onAppended;

        public void Dispose() => owner.Remove(this);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StateStoreActivityLog.Header))]
internal sealed partial class ActivityLogJsonContext : JsonSerializerContext;

/// <summary>
/// The log over <see cref="IStateStore"/>: a header item (<c>directline/{id}</c>: user, count) and one item per
/// activity (<c>directline/{id}/{position}</c>), so an append writes only what is new. SQLite by default, so a
/// restart loses no conversation; Redis when several instances share the log.
/// </summary>
public sealed class StateStoreActivityLog(IStateStore store, IActivityNotifier notifier, IOptions<DirectLineOptions> options, IOptions<PrivacyOptions> privacy,
    TimeProvider time) : IActivityLog
{
    private readonly DirectLineOptions _options = options.Value;

    /// <summary>Activities hold what users typed: they live no longer than <see cref="PrivacyOptions.TextRetention"/>.</summary>
    private readonly TimeSpan _activityTimeToLive = options.Value.ConversationTimeToLive < privacy.Value.TextRetention
        ? options.Value.ConversationTimeToLive : privacy.Value.TextRetention;

    /// <summary>
    /// Races lost before giving up (the caller answers 502 and the client sends again). Bounded, so positions taken by
    /// an instance that died before writing the header cannot hold an append forever.
    /// </summary>
    private const int MaxAppendAttempts = 20;

    internal sealed record Header(string? User, DateTimeOffset Created, int Count);

    private static string HeaderKey(string conversationId) => $"directline/{conversationId}";

    /// <summary>The keys of a conversation's activities (not its header).</summary>
    public static string ActivitiesPrefix(string conversationId) => $"directline/{conversationId}/";

    private static string ItemKey(string conversationId, int position) => $"directline/{conversationId}/{position.ToString(CultureInfo.InvariantCulture)}";

    public static string ActivityId(string conversationId, int position) => $"{conversationId}|{position.ToString("D7", CultureInfo.InvariantCulture)}";

    public async Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        var (header, _) = await ReadHeaderAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return header is null ? null : new DirectLineConversation(conversationId, header.User, header.Created, header.Count);
    }

    public async Task<bool> CreateAsync(string conversationId, string? userId, CancellationToken cancellationToken)
    {
        var header = new Header(userId, time.GetUtcNow(), 0);
        try
        {
            await WriteHeaderAsync(conversationId, header, expectedETag: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StateConflictException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Count == 0)
        {
            return [];
        }

        for (var attempt = 1; ; attempt++)
        {
            var (header, etag) = await ReadHeaderAsync(conversationId, cancellationToken).ConfigureAwait(false);
            if (header is null)
            {
                throw new KeyNotFoundException($"Direct Line conversation '{conversationId}' does not exist.");
            }

            if (header.Count + activities.Count > _options.MaxActivitiesPerConversation)
            {
                throw new ConversationFullException(conversationId);
            }

            IReadOnlyList<Activity> stored;
            try
            {
                stored = await WriteItemsAsync(conversationId, header.Count, activities, cancellationToken).ConfigureAwait(false);
                await WriteHeaderAsync(conversationId, header with { Count = header.Count + activities.Count }, etag, cancellationToken).ConfigureAwait(false);
            }
            catch (StateConflictException) when (attempt < MaxAppendAttempts)
            {
                // Another instance appended first: read the header again, after a short jittered wait so the racers spread out.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + (2 * attempt))), cancellationToken).ConfigureAwait(false);
                continue;
            }

            notifier.Publish(conversationId);
            return stored;
        }
    }

    /// <summary>The activities at the positions after <paramref name="count"/>, each with its id.</summary>
    private async Task<IReadOnlyList<Activity>> WriteItemsAsync(string conversationId, int count, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var stored = new List<Activity>(activities.Count);
        for (var i = 0; i < activities.Count; i++)
        {
            var position = count + i;
            var activity = activities[i] with { Id = ActivityId(conversationId, position) };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
            // Positions are written only once: if another instance took this one first, start over.
            await store.WriteAsync(ItemKey(conversationId, position), bytes, expectedETag: null, _activityTimeToLive, cancellationToken).ConfigureAwait(false);
            stored.Add(activity);
        }

        return stored;
    }

    public async Task<ActivitySet?> ReadAsync(string conversationId, int watermark, int max, CancellationToken cancellationToken)
    {
        var (header, _) = await ReadHeaderAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (header is null)
        {
            return null;
        }

        var from = Math.Clamp(watermark, 0, header.Count);
        var to = Math.Min(header.Count, from + max);
        var activities = new List<Activity>(to - from);
        for (var position = from; position < to; position++)
        {
            var item = await store.ReadAsync(ItemKey(conversationId, position), cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                continue; // an early activity outlived its time to live; the rest is still there
            }

            activities.Add(JsonSerializer.Deserialize(item.Value.Span, ProtocolJsonContext.Default.Activity)!);
        }

        // The watermark is the position after the last one read, also when some before it are gone (expired, or erased).
        return new ActivitySet(activities, to.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<(Header? Header, string? ETag)> ReadHeaderAsync(string conversationId, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(HeaderKey(conversationId), cancellationToken).ConfigureAwait(false);
        return item is null ? (null, null) : (JsonSerializer.Deserialize(item.Value.Span, ActivityLogJsonContext.Default.Header), item.ETag);
    }

    private Task<string> WriteHeaderAsync(string conversationId, Header header, string? expectedETag, CancellationToken cancellationToken) =>
        store.WriteAsync(HeaderKey(conversationId), JsonSerializer.SerializeToUtf8Bytes(header, ActivityLogJsonContext.Default.Header),
            expectedETag, header.Count == 0 ? _options.UnusedConversationTimeToLive : _options.ConversationTimeToLive, cancellationToken);
}
