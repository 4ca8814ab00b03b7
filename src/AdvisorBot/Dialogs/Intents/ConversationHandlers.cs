using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

/// <summary>What the bot can do, as topics to click.</summary>
public sealed class HelpHandler : IntentHandler
{
    public override IntentName Intent => new("Help");

    protected override AnswerView Handle(TurnContext turn) =>
        turn.Answer("Help").Lead().List("listTopics", TopicList(turn)).Build();

    internal static IEnumerable<string> TopicList(TurnContext turn) =>
        turn.Texts.For("Help").Lines.Where(kv => kv.Key.StartsWith("topic", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value);
}

public sealed class GreetingHandler : IntentHandler
{
    public override IntentName Intent => new("Greeting");

    protected override AnswerView Handle(TurnContext turn) => turn.Answer("Greeting").Lead().Build();
}

public sealed class ThanksHandler : IntentHandler
{
    public override IntentName Intent => new("Thanks");

    protected override AnswerView Handle(TurnContext turn) => turn.Answer("Thanks").Lead().Build();
}

/// <summary>Start over: the engine clears the conversation's context; this says so.</summary>
public sealed class CancelHandler : IntentHandler
{
    public override IntentName Intent => new("Cancel");

    protected override AnswerView Handle(TurnContext turn) => turn.Answer("Cancel").Lead().Build();
}

/// <summary>Out of scope: says what the bot can do and never shows a figure.</summary>
public sealed class NoneHandler : IntentHandler
{
    public override IntentName Intent => new("None");

    protected override AnswerView Handle(TurnContext turn) =>
        turn.Answer("None").Lead().List("listTopics", HelpHandler.TopicList(turn)).Build();
}
