namespace AdvisorBot.Dialogs.Intents;

/// <summary>What the bot can do, as topics to click.</summary>
public sealed class HelpHandler : IntentHandler
{
    protected override AnswerView Handle(TurnContext turn) =>
        turn.Answer("Help").Lead().List("listTopics", TopicList(turn)).Build();

    internal static IEnumerable<string> TopicList(TurnContext turn) =>
        turn.Texts.For("Help").Lines.Where(kv => kv.Key.StartsWith("topic", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value);
}

public sealed class GreetingHandler : IntentHandler
{
    protected override AnswerView Handle(TurnContext turn) => turn.Answer("Greeting").Lead().Build();
}

public sealed class ThanksHandler : IntentHandler
{
    protected override AnswerView Handle(TurnContext turn) => turn.Answer("Thanks").Lead().Build();
}

/// <summary>Start over: the engine clears the conversation's context; this says so.</summary>
public sealed class CancelHandler : IntentHandler
{
    protected override AnswerView Handle(TurnContext turn) => turn.Answer("Cancel").Lead().Build();
}

/// <summary>Out of scope: says what the bot can do and never shows a figure.</summary>
public sealed class NoneHandler : IntentHandler
{
    protected override AnswerView Handle(TurnContext turn) =>
        turn.Answer("None").Lead().List("listTopics", HelpHandler.TopicList(turn)).Build();
}
