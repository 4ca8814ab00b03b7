using System.Text.Json.Nodes;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>The welcome, once per conversation, in the conversation's or the locale's language.</summary>
public sealed class WelcomeHandler(TurnContexts contexts, LanguageChooser languages) : TurnHandler<WelcomeRequest>
{
    protected override async Task<DialogResult> HandleAsync(WelcomeRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.State.Welcomed)
        {
            return new DialogResult([], input.State);
        }

        return await WelcomeAsync(input.State, languages.ForAction(null, input.Locale, input.State), cancellationToken).ConfigureAwait(false);
    }

    public async Task<DialogResult> WelcomeAsync(ConversationState state, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var turn = await contexts.CreateAsync("", language, state, TargetGroupMention.None, null, null, cancellationToken).ConfigureAwait(false);
        var welcome = Intents.SwitchLanguageHandler.Build(turn) with { Replay = new AnswerReplay(IntentName.Welcome.Value, "") };
        return new DialogResult([welcome], state with { Welcomed = true, Language = language });
    }
}

/// <summary>The card's language button, as Action.Submit value or Action.Execute data.</summary>
public sealed class ReplayRecognizer : ITurnRecognizer
{
    public int Order => 0;

    public IReadOnlyCollection<Type> Produces => [typeof(ReplayRequest)];

    public TurnIntent? FromText(TurnInput input) => null;

    public TurnIntent? FromAction(JsonObject data) =>
        LanguageSwitch.Read(data) is { } read ? new ReplayRequest(read.Replay, read.Language) : null;
}

/// <summary>
/// Gives an earlier answer again in another language — the card's language switch. The conversation goes on in
/// that language; its topic and target group stay as they are.
/// </summary>
public sealed class ReplayHandler(IntentHandlers handlers, TurnContexts contexts, LanguageChooser languages, WelcomeHandler welcome, HiringGoalHandler hiring,
    NotInReportCatalog notInReport, NotInReportHandler notInReportHandler)
    : TurnHandler<ReplayRequest>
{
    protected override async Task<DialogResult> HandleAsync(ReplayRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(input);
        var language = languages.ForAction(intent.Language, null, input.State);
        var replay = intent.Replay;
        if (replay.Intent == IntentName.HiringFeasibility.Value
            && await hiring.AnswerAsync(replay.Text, language, input, cancellationToken).ConfigureAwait(false) is { } answered)
        {
            return answered;
        }

        if (replay.Intent == IntentName.NotInReport.Value && notInReport.Find(replay.Text) is { } topic)
        {
            return await notInReportHandler.AnswerAsync(topic, replay.Text, language, input, cancellationToken).ConfigureAwait(false);
        }

        var next = input.State with { Language = language, Turns = input.State.Turns + 1 };
        if (replay.Intent == IntentName.Welcome.Value || !handlers.TryGet(new IntentName(replay.Intent), out var handler))
        {
            return await welcome.WelcomeAsync(next, language, cancellationToken).ConfigureAwait(false);
        }

        var mention = await contexts.MentionAsync(replay.Text, cancellationToken).ConfigureAwait(false);
        var turn = await contexts.CreateAsync(replay.Text, language, next, mention, null, input.Session, cancellationToken).ConfigureAwait(false);
        var answer = TurnContexts.WithMatchNote(await handler.HandleAsync(turn, cancellationToken).ConfigureAwait(false), turn);
        return new DialogResult([answer with { Replay = replay }], next);
    }
}
