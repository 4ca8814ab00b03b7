using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Dialogs.Conversation;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Protocol;
using AdvisorBot.Protocol.Connector;
using AdvisorBot.State;

namespace AdvisorBot.Turn;

/// <summary>
/// Runs one inbound activity through the bot, as one unit of work: the conversation's turn lock, its state and the
/// user's data loaded once through a <see cref="StateSession"/>, the typed router, and one commit of everything the
/// turn changed. A lost race runs the whole turn again on fresh data; a failing turn is answered with an apology
/// and changes nothing, so the bot cannot loop on the same error and never wipes what it had.
/// </summary>
public sealed partial class TurnProcessor(
    TurnRouter router,
    LanguageChooser languages,
    TurnContexts contexts,
    IntentHandlers topics,
    Knowledge.ITargetGroupCatalog catalog,
    StateSessions sessions,
    IConversationLock locks,
    Replies replies,
    TeamsFiles files,
    ILogger<TurnProcessor> logger) : ITurnProcessor
{
    private const int MaxAttempts = 8;

    /// <summary>Answers that are not classifier topics, by the names their replays and views carry.</summary>
    private static readonly string[] MoreIntents = ["NotInReport", "Explain", "Welcome", "HiringFeasibility", "Clarify", "NotCovered", "Error", "VacancyCheck", "Checklist"];

    private HashSet<string>? _knownIntents;
    private readonly ActivityReader _reader = new(router);

    public static string StateKey(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return $"conversation/{activity.ChannelId ?? "unknown"}/{activity.Conversation?.Id ?? "none"}";
    }

    /// <summary>Who is asking, across conversations: the channel's user id (Teams: the Entra object id).</summary>
    public static string UserKey(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var user = activity.From?.AadObjectId ?? activity.From?.Id ?? "anonymous";
        return $"{activity.ChannelId ?? "unknown"}:{user}";
    }

    public async Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var request = await ReadAsync(activity, cancellationToken).ConfigureAwait(false);
        if (request is not TurnRequest.Run run)
        {
            return Immediate(request);
        }

        await using var turnLock = await locks.AcquireAsync(StateKey(activity), cancellationToken).ConfigureAwait(false);
        return await RunAsync(activity, run, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TurnOutcome> ProcessAsync(Activity activity, ITurnJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(journal);
        var request = await ReadAsync(activity, cancellationToken).ConfigureAwait(false);
        if (request is TurnRequest.Unreadable)
        {
            return Immediate(request);
        }

        await using var turnLock = await locks.AcquireAsync(journal.LockKey, cancellationToken).ConfigureAwait(false);
        var recorded = await journal.RecordInboundAsync(activity, cancellationToken).ConfigureAwait(false);

        // From here the client already sees its message: the turn runs to its end even if the request goes away.
        var outcome = request is TurnRequest.Run run
            ? await RunAsync(recorded, run, CancellationToken.None, journal.UserDataPrefix).ConfigureAwait(false)
            : Immediate(request);
        if (outcome.Replies.Count > 0)
        {
            await journal.RecordRepliesAsync(outcome.Replies, CancellationToken.None).ConfigureAwait(false);
        }

        return outcome;
    }

    public async Task<AnswerView?> AnswerTopicAsync(string profileId, string topic, string language, CancellationToken cancellationToken)
    {
        var profile = await catalog.GetAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is null || !languages.Languages.Contains(language) || !topics.TryGet(new IntentName(topic), out var handler))
        {
            return null;
        }

        var ask = contexts.TextsFor(language).Intents.GetValueOrDefault(topic)?.Lines.GetValueOrDefault("ask") ?? topic;
        return await handler.HandleAsync(contexts.ForProfile(profile, ask, language), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TurnRequest> ReadAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            // A vacancy text sent as a .txt file in Teams: its text is the message.
            var fileText = activity.Type == ActivityTypes.Message && TeamsFiles.TextFile(activity) is { } file
                ? await files.ReadTextAsync(file, cancellationToken).ConfigureAwait(false)
                : null;
            return _reader.Read(activity, fileText);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or NullReferenceException)
        {
            // The readers take any shape; this is the net under them: what cannot be read is the client's, a 400.
            Log.Unreadable(logger, ex.GetType().Name, activity.Type);
            return new TurnRequest.Unreadable();
        }
    }

    private static TurnOutcome Immediate(TurnRequest request) => request switch
    {
        TurnRequest.Refuse refuse => new TurnOutcome([], refuse.Response),
        TurnRequest.Unreadable => TurnOutcome.Refuse("The activity has a shape the bot cannot read."),
        _ => new TurnOutcome([]),
    };

    private async Task<TurnOutcome> RunAsync(Activity activity, TurnRequest.Run run, CancellationToken cancellationToken, string? journalPrefix = null)
    {
        var channel = TurnTelemetry.Channel(activity.ChannelId);
        using var trace = TurnTelemetry.Source.StartActivity("turn");
        trace?.SetTag("advisorbot.channel", channel);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var userLock = new UserLock(locks, "user/" + UserKey(activity));
        var slot = ConversationSlots.For(StateKey(activity), sessions.Options.ConversationIdleTimeout);
        ConversationState? state = null;
        for (var attempt = 1; ; attempt++)
        {
            var session = sessions.Open();
            try
            {
                state = await session.GetAsync(slot, cancellationToken).ConfigureAwait(false) ?? new ConversationState();
                var result = await DecideAndKeepAsync(activity, run, state, session, slot, userLock, journalPrefix, cancellationToken).ConfigureAwait(false);
                Measure(trace, channel, result.Answers.FirstOrDefault(), attempt, started);
                return replies.For(activity, result.Answers, run.InPlace);
            }
            catch (StateConflictException) when (attempt < MaxAttempts)
            {
                Log.StateConflict(logger, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or StateUnavailableException))
            {
                // (The store being away is not the turn's fault: it surfaces as a 503 with Retry-After, and nothing was written.)
                Log.TurnFailed(logger, ex, activity.Type, activity.ChannelId);
                var error = contexts.ErrorView(state?.Language ?? languages.OfLocale(activity.Locale));
                Measure(trace, channel, error, attempt, started);
                return replies.For(activity, [error], run.InPlace);
            }
        }
    }

    /// <summary>Decides the answer, then keeps what the turn changed in one commit; or, when the user asked to be forgotten, erases them.</summary>
    private async Task<DialogResult> DecideAndKeepAsync(Activity activity, TurnRequest.Run run, ConversationState state, StateSession session,
        StateSlot<ConversationState> slot, UserLock userLock, string? journalPrefix, CancellationToken cancellationToken)
    {
        DialogResult result;
        using (TurnTelemetry.Source.StartActivity("decide"))
        {
            result = await DecideAsync(activity, run, state, session, userLock, cancellationToken).ConfigureAwait(false);
        }

        if (result.ForgetUser)
        {
            await EraseAsync(session, UserKey(activity), slot.Key, journalPrefix, cancellationToken).ConfigureAwait(false);
            return result;
        }

        // Without text retention the conversation keeps the topic of the last question, not its words.
        session.Set(slot, sessions.Privacy.RetainText ? result.State : result.State with { LastText = null });
        await TrackAsync(session, UserKey(activity), journalPrefix, cancellationToken).ConfigureAwait(false);
        using (TurnTelemetry.Source.StartActivity("commit"))
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Adds what this turn writes (and the journal's log) to the user's footprint, in the same commit; no write when it holds them.</summary>
    private static async Task TrackAsync(StateSession session, string userKey, string? journalPrefix, CancellationToken cancellationToken)
    {
        var slot = FootprintSlots.For(userKey);
        var footprint = await session.GetAsync(slot, cancellationToken).ConfigureAwait(false) ?? new UserFootprint();
        if (footprint.With([.. session.ChangedKeys], journalPrefix) is { } grown)
        {
            session.Set(slot, grown);
        }
    }

    /// <summary>
    /// "Vergeet mij": every item of the user's footprint, the checklist progress under their key, this conversation's
    /// state and journal, and the footprint itself, deleted now and scrubbed from the store's files. Nothing is saved.
    /// </summary>
    private static async Task EraseAsync(StateSession session, string userKey, string conversationKey, string? journalPrefix, CancellationToken cancellationToken)
    {
        var slot = FootprintSlots.For(userKey);
        var footprint = await session.GetAsync(slot, cancellationToken).ConfigureAwait(false) ?? new UserFootprint();
        foreach (var key in footprint.Keys.Append(conversationKey).Append(slot.Key))
        {
            await session.ForgetAsync(key, cancellationToken).ConfigureAwait(false);
        }

        foreach (var prefix in footprint.Prefixes.Append($"checklist/{userKey}/").Concat(journalPrefix is null ? [] : [journalPrefix]))
        {
            await session.ForgetPrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
        }

        await session.ScrubAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The turn's outcome on its trace and in the metrics.</summary>
    private void Measure(System.Diagnostics.Activity? trace, string channel, AnswerView? answer, int attempt, long started)
    {
        var outcome = TurnTelemetry.Outcome(answer);
        var intent = TurnTelemetry.Intent(answer, _knownIntents ??= [.. topics.Intents.Select(i => i.Value), .. MoreIntents]);
        trace?.SetTag("advisorbot.intent", intent);
        trace?.SetTag("advisorbot.outcome", outcome);
        trace?.SetTag("advisorbot.attempts", attempt);
        TurnTelemetry.Record(channel, intent, outcome, answer?.Language ?? "none", System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private async Task<DialogResult> DecideAsync(Activity activity, TurnRequest.Run run, ConversationState state, StateSession session, UserLock userLock,
        CancellationToken cancellationToken)
    {
        var input = new TurnInput
        {
            Text = run.Text,
            Locale = activity.Locale,
            Language = run.Intent is null ? languages.Choose(run.Text, activity.Locale, state) : languages.ForAction(null, activity.Locale, state),
            UserKey = UserKey(activity),
            State = state,
            Session = session,
            LockUserAsync = userLock.AcquireAsync,
        };
        var intent = run.Intent ?? router.FromText(input);
        return await router.HandleAsync(intent, input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's turn lock, taken when a handler asks for it and held until the turn has committed.</summary>
    private sealed class UserLock(IConversationLock locks, string key) : IAsyncDisposable
    {
        private IAsyncDisposable? _held;

        public async ValueTask AcquireAsync(CancellationToken cancellationToken) =>
            _held ??= await locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);

        public ValueTask DisposeAsync() => _held?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Error, "A {ActivityType} turn on channel {ChannelId} failed; the user got an apology and the conversation state was kept as it was")]
        public static partial void TurnFailed(ILogger logger, Exception exception, string? activityType, string? channelId);

        [LoggerMessage(2003, LogLevel.Debug, "A {ActivityType} activity could not be read ({Exception}); refused")]
        public static partial void Unreadable(ILogger logger, string exception, string? activityType);

        [LoggerMessage(2002, LogLevel.Debug, "State changed under a turn (attempt {Attempt}); running the turn again")]
        public static partial void StateConflict(ILogger logger, int attempt);
    }
}
