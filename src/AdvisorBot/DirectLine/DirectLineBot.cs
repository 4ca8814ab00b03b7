using AdvisorBot.Hosting;
using AdvisorBot.Protocol;
using AdvisorBot.State;

namespace AdvisorBot.DirectLine;

/// <summary>
/// Puts a Direct Line client's activity through the bot: echoes it into the conversation's log (with its id and the
/// client's <c>clientActivityID</c>, which Web Chat waits for), runs the same turn pipeline as <c>/api/messages</c>,
/// and appends the replies after it. One conversation's posts run one at a time, so the log keeps the order
/// user → bot → user.
/// </summary>
public sealed class DirectLineBot(IActivityLog log, BotTurnProcessor processor, IConversationLock locks, TimeProvider time)
{
    public const string DefaultChannelId = "directline";

    /// <summary>The bot as it appears in Direct Line conversations.</summary>
    public static readonly ChannelAccount BotAccount = new() { Id = "advisorbot", Name = "AdvisorBot", Role = "bot" };

    public async Task<string> PostAsync(string conversationId, Activity inbound, string userId, string serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        await using var turn = await locks.AcquireAsync($"directline/{conversationId}", cancellationToken).ConfigureAwait(false);
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
        var stored = (await log.AppendAsync(conversationId, [echo], cancellationToken).ConfigureAwait(false))[0];

        // The turn is done in the background of this request only in the sense that the client already sees its echo
        // on the stream; the POST answers when the replies are in the log, as the Azure service answers after the bot.
        var outcome = await processor.ProcessAsync(stored, CancellationToken.None).ConfigureAwait(false);
        if (outcome.Replies.Count > 0)
        {
            var replies = outcome.Replies.Select(r => r with
            {
                From = BotAccount,
                Recipient = r.Recipient is { } to ? to with { Role = "user" } : null,
                Timestamp = time.GetUtcNow(),
            }).ToList();
            await log.AppendAsync(conversationId, replies, CancellationToken.None).ConfigureAwait(false);
        }

        return stored.Id!;
    }
}
