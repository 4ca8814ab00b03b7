using System.Text.Json.Nodes;
using AdvisorBot.Cards;
using AdvisorBot.Connector;
using AdvisorBot.Dialogs;
using AdvisorBot.Protocol;
using AdvisorBot.State;

namespace AdvisorBot.Hosting;

/// <summary>The outcome of one inbound activity: the replies, and for an invoke the synchronous response.</summary>
public sealed record TurnOutcome(IReadOnlyList<Activity> Replies, InvokeResponse? Invoke = null);

/// <summary>
/// Runs one inbound activity through the bot: takes the conversation's turn lock, loads its state, runs the dialog,
/// renders the answers as Adaptive Card replies and saves the state with its ETag. A failing turn is logged,
/// answered with an apology and its state reset, so the bot cannot loop on the same error.
/// </summary>
public sealed partial class BotTurnProcessor(
    AdvisorDialog dialog,
    ConversationStateStore states,
    IConversationLock locks,
    ICardRenderer cards,
    IReadOnlyDictionary<string, ResponseTexts> texts,
    TeamsFiles files,
    TimeProvider time,
    ILogger<BotTurnProcessor> logger)
{
    private const int MaxConflictRetries = 3;

    public static string StateKey(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return $"conversation/{activity.ChannelId ?? "unknown"}/{activity.Conversation?.Id ?? "none"}";
    }

    public async Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        switch (activity.Type)
        {
            case ActivityTypes.Message when ChecklistWalkthrough.ReadAction(activity.Value) is { } step:
                // A checklist button where the card cannot change in place (Web Chat): the next step as a new message.
                return await RunAsync(activity, (state, ct) => dialog.ChecklistAsync(step, null, UserKey(activity), "", state.Language ?? LanguageOf(activity.Locale), state, ct),
                    cancellationToken).ConfigureAwait(false);

            case ActivityTypes.Message when LanguageSwitch.Read(activity.Value) is { } languageSwitch:
                // The card's language button where it cannot change the card in place: the card again, as a new message.
                return await RunAsync(activity, (state, ct) => dialog.ReplayAsync(languageSwitch.Replay, languageSwitch.Language, state, ct), cancellationToken).ConfigureAwait(false);

            case ActivityTypes.Message when TeamsFiles.TextFile(activity) is { } file:
                // A vacancy text sent as a .txt file in Teams: its text is the message.
                var fileText = await files.ReadTextAsync(file, cancellationToken).ConfigureAwait(false);
                var asked = string.IsNullOrWhiteSpace(fileText) ? MessageText(activity) : fileText;
                if (string.IsNullOrWhiteSpace(asked))
                {
                    return new TurnOutcome([]);
                }

                return await RunAsync(activity, (state, ct) => dialog.MessageAsync(asked, activity.Locale, state, ct, UserKey(activity)), cancellationToken).ConfigureAwait(false);

            case ActivityTypes.Message:
                var text = MessageText(activity);
                if (string.IsNullOrWhiteSpace(text))
                {
                    return new TurnOutcome([]);
                }

                return await RunAsync(activity, (state, ct) => dialog.MessageAsync(text, activity.Locale, state, ct, UserKey(activity)), cancellationToken).ConfigureAwait(false);

            case ActivityTypes.ConversationUpdate when activity.MembersAdded is { Count: > 0 }:
            case ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade":
            case ActivityTypes.Event when activity.Name is "webchat/join" or "advisorbot/welcome":
                return await RunAsync(activity, async (state, ct) => state.Welcomed
                    ? new DialogResult([], state)
                    : await dialog.WelcomeAsync(activity.Locale, state, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

            case ActivityTypes.Invoke when activity.Name == "adaptiveCard/action" && ActionVerb(activity) == LanguageSwitch.Verb:
                // Teams' Action.Execute: the same card in the other language replaces the clicked one.
                if (LanguageSwitch.Read(activity.Value?["action"]?["data"]) is not { } switchTo)
                {
                    return new TurnOutcome([], new InvokeResponse(200, InvokeError("BadRequest", "The language switch carries no answer to repeat.")));
                }

                var switched = await RunAsync(activity, (state, ct) => dialog.ReplayAsync(switchTo.Replay, switchTo.Language, state, ct), cancellationToken).ConfigureAwait(false);
                return new TurnOutcome([], new InvokeResponse(200, CardInvokeResponse(switched)));

            case ActivityTypes.Invoke when activity.Name == "adaptiveCard/action" && ActionVerb(activity) == ChecklistWalkthrough.Verb:
                // Teams' Action.Execute on a checklist step: the next step replaces the card in place.
                if (ChecklistWalkthrough.ReadAction(activity.Value?["action"]?["data"]) is not { } executed)
                {
                    return new TurnOutcome([], new InvokeResponse(200, InvokeError("BadRequest", "The checklist button carries no step.")));
                }

                var stepped = await RunAsync(activity, (state, ct) => dialog.ChecklistAsync(executed, null, UserKey(activity), "", state.Language ?? LanguageOf(activity.Locale), state, ct),
                    cancellationToken).ConfigureAwait(false);
                return new TurnOutcome([], new InvokeResponse(200, CardInvokeResponse(stepped)));

            case ActivityTypes.Invoke when activity.Name == "adaptiveCard/action":
                var question = activity.Value?["action"]?["data"]?["question"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(question))
                {
                    return new TurnOutcome([], new InvokeResponse(200, InvokeError("BadRequest", "The action carries no question.")));
                }

                var outcome = await RunAsync(activity, (state, ct) => dialog.MessageAsync(question, activity.Locale, state, ct), cancellationToken).ConfigureAwait(false);
                return new TurnOutcome([], new InvokeResponse(200, CardInvokeResponse(outcome)));

            case ActivityTypes.Invoke:
                return new TurnOutcome([], new InvokeResponse(400, InvokeError("NotSupported", $"Invoke '{activity.Name}' is not supported.")));

            default:
                // typing, reactions, endOfConversation, unknown event names: nothing to answer.
                return new TurnOutcome([]);
        }
    }

    /// <summary>The user's words: the text (with the bot's own @mention removed), or a card button's question.</summary>
    public static string? MessageText(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        if (!string.IsNullOrEmpty(text) && activity.Entities is { Count: > 0 } entities && activity.Recipient?.Id is { } botId)
        {
            foreach (var mention in entities.Where(e => e["type"]?.GetValue<string>() == "mention"))
            {
                if (mention["mentioned"]?["id"]?.GetValue<string>() != botId)
                {
                    continue;
                }

                var mentionText = mention["text"]?.GetValue<string>() ?? $"<at>{mention["mentioned"]?["name"]?.GetValue<string>()}</at>";
                text = text.Replace(mentionText, "", StringComparison.Ordinal);
            }
        }

        if (string.IsNullOrWhiteSpace(text) && activity.Value is JsonObject value)
        {
            text = value["question"]?.GetValue<string>()
                ?? value["msteams"]?["value"]?.GetValue<string>()
                ?? value["text"]?.GetValue<string>();
        }

        return text?.Trim();
    }

    private async Task<TurnOutcome> RunAsync(Activity activity, Func<ConversationState, CancellationToken, Task<DialogResult>> turn, CancellationToken cancellationToken)
    {
        var key = StateKey(activity);
        await using var turnLock = await locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
        ConversationState? state = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                (state, var etag) = await states.LoadAsync(key, cancellationToken).ConfigureAwait(false);
                var result = await turn(state, cancellationToken).ConfigureAwait(false);
                await states.SaveAsync(key, result.State, etag, cancellationToken).ConfigureAwait(false);
                return new TurnOutcome([.. result.Answers.Select(a => Reply(activity, a))]);
            }
            catch (StateConflictException) when (attempt < MaxConflictRetries)
            {
                Log.StateConflict(logger, key, attempt);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.TurnFailed(logger, ex, activity.Type, activity.ChannelId);
                await ResetQuietlyAsync(key).ConfigureAwait(false);
                return new TurnOutcome([Reply(activity, dialog.ErrorView(state?.Language ?? LanguageOf(activity.Locale)))]);
            }
        }
    }

    private async Task ResetQuietlyAsync(string key)
    {
        try
        {
            await states.ForgetAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ResetFailed(logger, ex, key);
        }
    }

    private static string? LanguageOf(string? locale) => locale?.Split('-', '_')[0].ToLowerInvariant();

    /// <summary>
    /// Web Chat (Direct Line) shows follow-up questions as suggested actions above the send box; Teams shows them as
    /// the card's buttons, which also work in group chats and channels where suggested actions do not.
    /// </summary>
    public static bool ShowsSuggestedActions(string? channelId) => channelId is "webchat" or "directline";

    private Activity Reply(Activity inbound, AnswerView answer)
    {
        var suggested = ShowsSuggestedActions(inbound.ChannelId) && answer.Suggestions.Count > 0;
        var card = cards.Render(suggested ? answer with { Suggestions = [] } : answer);
        LanguageSwitch.Add(card, answer, texts, executeInPlace: inbound.ChannelId == "msteams");
        if (inbound.ChannelId == "msteams")
        {
            UniversalActions.ExecuteInPlace(card, ChecklistWalkthrough.Verb);
        }

        return new()
        {
            Type = ActivityTypes.Message,
            Timestamp = time.GetUtcNow(),
            ChannelId = inbound.ChannelId,
            ServiceUrl = inbound.ServiceUrl,
            From = inbound.Recipient,
            Recipient = inbound.From,
            Conversation = inbound.Conversation,
            ReplyToId = inbound.Id,
            Locale = answer.Language == "nl" ? "nl-NL" : "en-US",
            InputHint = "acceptingInput",
            Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card }],
            SuggestedActions = suggested ? new SuggestedActions
            {
                Actions = [.. answer.Suggestions.Take(CardData.MaxSuggestions).Select(s => new CardAction { Type = "imBack", Title = s, Value = s })],
            } : null,
        };
    }

    /// <summary>Who is asking, across conversations: the channel's user id (Teams: the Entra object id).</summary>
    public static string UserKey(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var user = activity.From?.AadObjectId ?? activity.From?.Id ?? "anonymous";
        return $"{activity.ChannelId ?? "unknown"}:{user}";
    }

    private static string? ActionVerb(Activity activity) =>
        activity.Value?["action"]?["verb"] is JsonValue verb && verb.TryGetValue<string>(out var name) ? name : null;

    /// <summary>The universal-action answer that replaces the clicked card with the turn's card.</summary>
    private static JsonObject CardInvokeResponse(TurnOutcome outcome)
    {
        var card = outcome.Replies.SelectMany(r => r.Attachments ?? []).Select(a => a.Content).FirstOrDefault();
        return new JsonObject { ["statusCode"] = 200, ["type"] = Attachment.AdaptiveCardContentType, ["value"] = card?.DeepClone() };
    }

    private static JsonObject InvokeError(string code, string message) => new()
    {
        ["statusCode"] = 400,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Error, "A {ActivityType} turn on channel {ChannelId} failed; the user got an apology and the conversation state was reset")]
        public static partial void TurnFailed(ILogger logger, Exception exception, string? activityType, string? channelId);

        [LoggerMessage(2002, LogLevel.Information, "State of {Key} changed under a turn (attempt {Attempt}); running the turn again")]
        public static partial void StateConflict(ILogger logger, string key, int attempt);

        [LoggerMessage(2003, LogLevel.Warning, "Could not reset the state of {Key} after a failed turn")]
        public static partial void ResetFailed(ILogger logger, Exception exception, string key);
    }
}
