using System.Diagnostics;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Dialogs.Conversation;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.State;
using AdvisorBot.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Understanding;

/// <summary>What one first message of a conversation was understood as, and what it cost.</summary>
internal sealed record Reading(IReadOnlyList<string> Labels, IReadOnlyList<AnswerView> Answers, double UnderstandingMicroseconds, string Via)
{
    public string Label => string.Join("+", Labels) + " via " + Via;

    /// <summary>
    /// Whether the answer is the one the expected intent asks for. A hiring goal is the feasibility answer with the
    /// user's own numbers; "and for nurses?" rightly gets "no report on nurses"; a question outside the report may get
    /// that too.
    /// </summary>
    public bool IsRight(string expected) => Labels.Zip(Answers).Any(pair => pair.First == expected || (pair.First, expected) is
        ("HiringFeasibility", "Feasibility") or ("NotCovered", "TargetGroupFollowUp") or ("NotCovered", "None")
        || (pair.First == "NotInReport" && pair.Second.Topic == expected));
}

/// <summary>
/// The whole understanding of the running service, as a user meets it: every recogniser in order, then the handler
/// that turns an unsure reading into a clarifying question, a function without a report into "no report on X" and a
/// question the report cannot answer into "the report does not give that". Labels use the intent names of the dev
/// sets, plus Clarify, NotCovered and NotInReport.
/// </summary>
internal sealed class UnderstandingProbe(IServiceProvider services)
{
    /// <summary>Intents about the conversation, not the report: their label is the reading, not the answer's topic.</summary>
    private static readonly HashSet<string> ConversationIntents = ["Greeting", "Thanks", "Help", "Cancel", "SwitchLanguage", IntentName.FollowUp.Value];

    private readonly TurnRouter _router = services.GetRequiredService<TurnRouter>();
    private readonly LanguageChooser _languages = services.GetRequiredService<LanguageChooser>();
    private readonly StateSessions _sessions = services.GetRequiredService<StateSessions>();
    private readonly ITurnRecognizer[] _recognizers = [.. services.GetServices<ITurnRecognizer>().OrderBy(r => r.Order)];

    public async Task<Reading> ReadAsync(string text, string locale)
    {
        var state = new ConversationState();
        var input = new TurnInput
        {
            Text = text,
            Locale = locale,
            Language = _languages.Choose(text, locale, state),
            UserKey = "probe",
            State = state,
            Session = _sessions.Open(),
        };
        var started = Stopwatch.GetTimestamp();
        var intent = _router.FromText(input);
        var microseconds = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        var result = await _router.HandleAsync(intent, input, CancellationToken.None);
        var via = _recognizers.First(r => r.FromText(input) is not null).GetType().Name.Replace("Recognizer", "", StringComparison.Ordinal);
        return new Reading([.. result.Answers.Select(a => Label(intent, a))], result.Answers, microseconds, via);
    }

    private static string Label(TurnIntent intent, AnswerView answer) => answer switch
    {
        { Topic: "Clarify" } => "Clarify",
        { Topic: "NotCovered" } => "NotCovered",
        { Replay.Intent: "NotInReport" } => "NotInReport",
        _ when intent is TopicRequest { Prediction.Intent: var read } && ConversationIntents.Contains(read) => read,
        { Replay.Intent: { } replayed } => replayed,
        { Topic: { } topic } => topic,
        _ => answer.Kind.Name,
    };

    /// <summary>The classifier alone, as the service would use it without the recognisers in front of it.</summary>
    public static (string Label, double Microseconds) ClassifierAlone(IIntentClassifier classifier, string text)
    {
        var started = Stopwatch.GetTimestamp();
        var prediction = classifier.Predict(text);
        var microseconds = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        var label = prediction.Score < new DialogOptions().MinimumConfidence && prediction.Intent != IntentName.None.Value ? "Clarify" : prediction.Intent;
        return (label, microseconds);
    }

    /// <summary>Whether an answer shows a figure of the report: a chart, a fact, or a percentage or amount in its text.</summary>
    public static bool ShowsAFigure(AnswerView answer) =>
        answer.Charts.Count > 0 || answer.Facts.Count > 0
        || System.Text.RegularExpressions.Regex.IsMatch(string.Join("\n", answer.Lead, answer.Advice), @"\d+([.,]\d+)?\s?%|€\s?\d|\d\.\d{3}");
}
