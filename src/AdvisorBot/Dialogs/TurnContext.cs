using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs;

/// <summary>One user turn as the handlers see it: the text, its language, the target group and the texts to answer with.</summary>
public sealed class TurnContext
{
    public required string Text { get; init; }
    public required string Language { get; init; }
    public required ResponseTexts Texts { get; init; }
    public required ProfileMatch Match { get; init; }
    public required ConversationState State { get; init; }
    public required QuantityRecognizer Quantities { get; init; }
    public IntentPrediction? Prediction { get; init; }

    public TargetGroupProfile Profile => Match.Profile;

    public AnswerBuilder Answer(string intent) => new(this, intent);
}

/// <summary>A handler answers one intent. Its class name is the intent's name plus "Handler".</summary>
public interface IIntentHandler
{
    string Intent { get; }

    ValueTask<AnswerView> HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>Base for handlers that build their answer without I/O.</summary>
public abstract class IntentHandler : IIntentHandler
{
    public string Intent => GetType().Name.EndsWith("Handler", StringComparison.Ordinal)
        ? GetType().Name[..^"Handler".Length]
        : throw new InvalidOperationException($"{GetType().Name} must be named <Intent>Handler.");

    public ValueTask<AnswerView> HandleAsync(TurnContext turn, CancellationToken cancellationToken) => ValueTask.FromResult(Handle(turn));

    protected abstract AnswerView Handle(TurnContext turn);
}
