using AdvisorBot.Cards;
using AdvisorBot.Knowledge;
using AdvisorBot.State;
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

    /// <summary>The turn's unit of work, for handlers that keep per-user data (absent where nothing may be written).</summary>
    public StateSession? Session { get; init; }

    public TargetGroupProfile Profile => Match.Profile;

    public AnswerBuilder Answer(string intent) => new(this, intent);

    public AnswerBuilder Answer(IntentName intent) => new(this, intent.Value);
}

/// <summary>A handler answers one topic of the classifier; it is registered with that topic's name.</summary>
public interface IIntentHandler
{
    IntentName Intent { get; }

    ValueTask<AnswerView> HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>Base for handlers that build their answer without I/O.</summary>
public abstract class IntentHandler : IIntentHandler
{
    public abstract IntentName Intent { get; }

    public ValueTask<AnswerView> HandleAsync(TurnContext turn, CancellationToken cancellationToken) => ValueTask.FromResult(Handle(turn));

    protected abstract AnswerView Handle(TurnContext turn);
}
