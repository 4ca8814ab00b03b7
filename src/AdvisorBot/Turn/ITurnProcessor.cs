using AdvisorBot.Cards;
using AdvisorBot.Protocol;

namespace AdvisorBot.Turn;

/// <summary>
/// The outcome of one inbound activity: the replies, and for an invoke the synchronous response; or, for an activity
/// the bot cannot read (valid JSON of a shape no channel sends), why it was refused: the channel answers 400.
/// </summary>
public sealed record TurnOutcome(IReadOnlyList<Activity> Replies, InvokeResponse? Invoke = null)
{
    public string? Refused { get; init; }

    public static TurnOutcome Refuse(string reason) => new([]) { Refused = reason };
}

/// <summary>
/// A channel that records each turn (the Direct Line activity log): the inbound activity and the replies are
/// recorded under the turn's own lock, so a conversation's log keeps the order user → bot → user.
/// </summary>
public interface ITurnJournal
{
    /// <summary>What the turn locks: the journal's conversation, whatever channel id its activities name.</summary>
    string LockKey { get; }

    /// <summary>Records the inbound activity and returns it as recorded (with the id the channel gave it).</summary>
    Task<Activity> RecordInboundAsync(Activity inbound, CancellationToken cancellationToken);

    Task RecordRepliesAsync(IReadOnlyList<Activity> replies, CancellationToken cancellationToken);

    /// <summary>The key prefix of what the journal keeps of the conversation (erased when the user asks to be forgotten).</summary>
    string? UserDataPrefix => null;
}

/// <summary>The one entry of every channel into the bot.</summary>
public interface ITurnProcessor
{
    /// <summary>Runs one inbound activity: one lock, the state loaded once and saved once, the replies as Adaptive Cards.</summary>
    Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>The same, recording the inbound activity and the replies in <paramref name="journal"/> under the turn's lock.</summary>
    Task<TurnOutcome> ProcessAsync(Activity activity, ITurnJournal journal, CancellationToken cancellationToken);

    /// <summary>A topic's answer for a profile with no conversation behind it (the chart images); null when either is unknown.</summary>
    Task<AnswerView?> AnswerTopicAsync(string profileId, string topic, string language, CancellationToken cancellationToken);
}
