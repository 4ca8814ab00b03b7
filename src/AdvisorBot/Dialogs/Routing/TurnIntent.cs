using System.Text.Json.Nodes;
using AdvisorBot.Cards;
using AdvisorBot.State;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Routing;

/// <summary>What a turn asks for, as a recogniser read it from a message or from a card button's data.</summary>
public abstract record TurnIntent;

/// <summary>A conversation starts (or the page joins): the welcome, once per conversation.</summary>
public sealed record WelcomeRequest : TurnIntent;

/// <summary>The card's language button: the same answer again in another language.</summary>
public sealed record ReplayRequest(AnswerReplay Replay, string Language) : TurnIntent;

/// <summary>
/// A question for one of the report's topics, as the classifier reads it. <paramref name="WhatItMeans"/>: "wat
/// betekent dat voor ons?", the last answer framed as what it means and what to do, without its charts.
/// </summary>
public sealed record TopicRequest(IntentPrediction Prediction, bool WhatItMeans = false) : TurnIntent;

/// <summary>A pasted vacancy text to check, or a request to check one.</summary>
public sealed record VacancyRequest(bool IsVacancyText) : TurnIntent;

/// <summary>"Ik moet 3 developers voor 1 maart hebben": a number of hires and a deadline (and the words, when a follow-up changed them).</summary>
public sealed record HiringGoalRequest(HiringRequest Request, string? Text = null) : TurnIntent;

/// <summary>One turn's input as every recogniser and handler sees it.</summary>
public sealed record TurnInput
{
    /// <summary>The user's words (empty for a button or an event).</summary>
    public required string Text { get; init; }

    public string? Locale { get; init; }

    /// <summary>The answer language, chosen before routing.</summary>
    public required string Language { get; init; }

    /// <summary>Who is asking, across conversations (per-user data is keyed by it).</summary>
    public required string UserKey { get; init; }

    /// <summary>The conversation state as loaded for this turn.</summary>
    public required ConversationState State { get; init; }

    /// <summary>The turn's unit of work: per-user data is read and changed through it, and saved with the conversation.</summary>
    public required StateSession Session { get; init; }

    /// <summary>
    /// Takes the user's lock for the rest of the turn, before per-user data is read: one user's turns in several
    /// conversations at once (two devices, fifty clicks) then run one after the other instead of racing.
    /// </summary>
    public Func<CancellationToken, ValueTask> LockUserAsync { get; init; } = _ => ValueTask.CompletedTask;

    private IntentPrediction? _prediction;

    /// <summary>The classifier's reading of <see cref="Text"/>, once per turn: every recogniser that asks shares it.</summary>
    public IntentPrediction Classify(IIntentClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return _prediction ??= classifier.Predict(Text);
    }
}

/// <summary>
/// Reads a message's text or a card button's data into a <see cref="TurnIntent"/>, or passes. Recognisers run in
/// <see cref="Order"/> and the first that answers wins; the classifier's comes last and always answers.
/// </summary>
public interface ITurnRecognizer
{
    int Order { get; }

    /// <summary>The intent types this recogniser can produce: each must have exactly one handler.</summary>
    IReadOnlyCollection<Type> Produces { get; }

    TurnIntent? FromText(TurnInput input);

    /// <summary>A button's data (<c>{ "advisorbot": verb, … }</c>), from an Action.Submit value or an Action.Execute.</summary>
    TurnIntent? FromAction(JsonObject data);
}

/// <summary>Answers one type of <see cref="TurnIntent"/>.</summary>
public interface ITurnHandler
{
    Type Handles { get; }

    Task<DialogResult> HandleAsync(TurnIntent intent, TurnInput input, CancellationToken cancellationToken);
}

/// <summary>A handler for <typeparamref name="T"/>.</summary>
public abstract class TurnHandler<T> : ITurnHandler where T : TurnIntent
{
    public Type Handles => typeof(T);

    public Task<DialogResult> HandleAsync(TurnIntent intent, TurnInput input, CancellationToken cancellationToken) =>
        HandleAsync((T)intent, input, cancellationToken);

    protected abstract Task<DialogResult> HandleAsync(T intent, TurnInput input, CancellationToken cancellationToken);
}

/// <summary>A recogniser of text only.</summary>
public abstract class TextRecognizer<T> : ITurnRecognizer where T : TurnIntent
{
    public abstract int Order { get; }

    public IReadOnlyCollection<Type> Produces => [typeof(T)];

    public abstract TurnIntent? FromText(TurnInput input);

    public TurnIntent? FromAction(JsonObject data) => null;
}
