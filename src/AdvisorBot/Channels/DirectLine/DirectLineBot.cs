using AdvisorBot.Protocol;
using AdvisorBot.Turn;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>
/// Puts a Direct Line client's activity through the bot: echoes it into the conversation's log (with its id and the
/// client's <c>clientActivityID</c>, which Web Chat waits for), runs the same turn as <c>/api/messages</c>, and
/// appends the replies after it, all under the turn's one lock, so the log keeps the order user → bot → user.
/// </summary>
public sealed class DirectLineBot(IActivityLog log, ITurnProcessor processor, TimeProvider time)
{
    public const string DefaultChannelId = "directline";

    /// <summary>The bot as it appears in Direct Line conversations.</summary>
    public static readonly ChannelAccount BotAccount = new() { Id = "advisorbot", Name = "AdvisorBot", Role = "bot" };

    public async Task<string> PostAsync(string conversationId, Activity inbound, string userId, string serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var echo = inbound with
        {
            Timestamp = time.GetUtcNow(),
            ChannelId = inbound.ChannelId is "webchat" ? "webchat" : DefaultChannelId,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount { Id = conversationId },
            From = (inbound.From ?? new ChannelAccount()) with { Id = userId, Role = "user" },
            Recipient = BotAccount,
            DeliveryMode = null,
        };
        var journal = new Journal(log, conversationId, time);
        var outcome = await processor.ProcessAsync(echo, journal, cancellationToken).ConfigureAwait(false);
        return outcome.Refused is { } refused ? throw new UnreadableActivityException(refused) : journal.InboundId!;
    }

    /// <summary>The conversation's activity log as the turn's journal.</summary>
    private sealed class Journal(IActivityLog log, string conversationId, TimeProvider time) : ITurnJournal
    {
        public string? InboundId { get; private set; }

        public string LockKey { get; } = "directline/" + conversationId;

        /// <summary>The log's activities (its header, with no text in it, stays: the watermarks go on).</summary>
        public string UserDataPrefix { get; } = StateStoreActivityLog.ActivitiesPrefix(conversationId);

        public async Task<Activity> RecordInboundAsync(Activity inbound, CancellationToken cancellationToken)
        {
            var stored = (await log.AppendAsync(conversationId, [inbound], cancellationToken).ConfigureAwait(false))[0];
            InboundId = stored.Id;
            return stored;
        }

        public async Task RecordRepliesAsync(IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
        {
            var shown = replies.Select(r => r with
            {
                From = BotAccount,
                Recipient = r.Recipient is { } to ? to with { Role = "user" } : null,
                Timestamp = time.GetUtcNow(),
            }).ToList();
            await log.AppendAsync(conversationId, shown, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The posted activity has a shape the bot cannot read; nothing was recorded (the client gets a 400).</summary>
public sealed class UnreadableActivityException : Exception
{
    public UnreadableActivityException(string message) : base(message) { }

    public UnreadableActivityException() { }

    public UnreadableActivityException(string message, Exception innerException) : base(message, innerException) { }
}
