using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

/// <summary>
/// "And in English?": the engine repeats the last answer in the other language. This handler answers only when
/// there is nothing to repeat, with the welcome in the new language.
/// </summary>
public sealed class SwitchLanguageHandler : IntentHandler
{
    public override IntentName Intent => new("SwitchLanguage");

    protected override AnswerView Handle(TurnContext turn) => Build(turn);

    /// <summary>The welcome: who the bot is and which report it knows.</summary>
    internal static AnswerView Build(TurnContext turn) =>
        turn.Answer("Welcome").With("available", turn.Profile.DisplayName(turn.Language)).Lead().Build();
}
