using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>"Salaris en kanalen?": a question for two or three of the report's topics, one prediction per part.</summary>
public sealed record MultiTopicRequest(IReadOnlyList<IntentPrediction> Topics) : TurnIntent;

/// <summary>
/// A short question that joins topics ("wat verdienen ze en hoe schaars zijn ze?", "salary and channels?"): each
/// part between "en", "and", "&amp;", "plus", commas or a mid-sentence question mark is read by the classifier on its
/// own; when every part is a sure reading of a report topic and there are at least two different ones, each topic
/// gets its own answer. Anything else (a part unsure, small talk, one topic twice, numbers to check) is left to
/// the recognisers after it, so "werving en selectie" (a phrase of <c>oneQuestion</c>) or "tussen 50 en 55k" stay one question.
/// </summary>
public sealed class MultiTopicRecognizer(IIntentClassifier classifier, PhraseMatcher oneQuestion, IOptions<DialogOptions> options) : TextRecognizer<MultiTopicRequest>
{
    private const int MaximumLength = 140;
    private const int MaximumParts = 3;

    private static readonly string[] Separators = [" en ", " and ", " & ", " plus ", ", ", "; ", "? "];

    /// <summary>A comma alone joins clauses of one question ("een uur reizen, is dat te veel?"); a joining word or a second question mark is needed.</summary>
    private static readonly string[] Joiners = [" en ", " and ", " & ", " plus ", "? "];

    private static readonly string[] Articles = ["een ", "de ", "het ", "a ", "an ", "the "];

    private readonly float _minimumConfidence = options.Value.MinimumConfidence;

    /// <summary>Before the report's lists (370) and the salary check (380, which needs numbers this one refuses): "salaris en secundaire voorwaarden" is two topics, not one list item.</summary>
    public override int Order => 365;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Parts(input.Text) is not { } parts)
        {
            return null;
        }

        var topics = new List<IntentPrediction>(parts.Length);
        foreach (var part in parts)
        {
            var prediction = classifier.Predict(part);
            var intent = new IntentName(prediction.Intent);
            if (prediction.Score < _minimumConfidence || !intent.IsAboutTheReport || intent == IntentName.None || intent == IntentName.FollowUp)
            {
                return null;
            }

            if (topics.All(t => t.Intent != prediction.Intent))
            {
                topics.Add(prediction);
            }
        }

        // The whole question must agree: one of its two best readings is a topic of the parts.
        var whole = input.Classify(classifier);
        return topics.Count >= 2 && topics.Any(t => t.Intent == whole.Intent || t.Intent == whole.SecondIntent)
            ? new MultiTopicRequest(topics)
            : null;
    }

    /// <summary>The parts of a short question that joins two or three, or null when it is one question.</summary>
    private string[]? Parts(string text)
    {
        if (text.Length > MaximumLength || text.Any(char.IsDigit))
        {
            return null;
        }

        // Lower case only, not TextNormalizer: the joiners "&" and a mid-sentence "?" are punctuation it drops.
        // Each part goes to the classifier, which normalises it as it does every question.
        var normalized = $" {text.ToLowerInvariant().Trim().TrimEnd('?', '!', '.')} ";
        // "werving en selectie", "junior en senior", "ik werk bij ... en zoek ...": one question (dialogs/follow-ups.json).
        if (!Joiners.Any(s => normalized.Contains(s, StringComparison.Ordinal)) || oneQuestion.Matches(text))
        {
            return null;
        }

        var parts = normalized.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // "een IT'er en een HR-medewerker": a second subject, not a second question.
        return parts.Length is < 2 or > MaximumParts || parts.Any(p => Articles.Any(a => p.StartsWith(a, StringComparison.Ordinal))) ? null : parts;
    }
}

/// <summary>One answer per topic of the question, in its order, for the group the whole question names; the last one is the topic to follow up.</summary>
public sealed class MultiTopicHandler(IntentHandlers handlers, TurnContexts contexts) : TurnHandler<MultiTopicRequest>
{
    protected override async Task<DialogResult> HandleAsync(MultiTopicRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(input);
        var next = input.State with { Language = input.Language, Turns = input.State.Turns + 1 };
        var mention = await contexts.MentionAsync(input.Text, cancellationToken).ConfigureAwait(false);
        var answers = new List<Cards.AnswerView>(intent.Topics.Count);
        TurnContext? last = null;
        foreach (var prediction in intent.Topics)
        {
            var turn = await contexts.CreateAsync(input.Text, input.Language, next, mention, prediction, input.Session, cancellationToken).ConfigureAwait(false);
            if (turn.Match.Quality == MatchQuality.FunctionNotCovered)
            {
                return new DialogResult([TurnContexts.NotCoveredView(turn)], next);
            }

            var topic = new IntentName(prediction.Intent);
            var answer = await handlers[topic].HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            answers.Add(TurnContexts.WithMatchNote(answer, turn) with { Replay = new Cards.AnswerReplay(topic.Value, input.Text) });
            last = turn;
        }

        var lastTopic = new IntentName(intent.Topics[^1].Intent);
        return new DialogResult(answers, contexts.Remember(next, last!, mention, lastTopic, input.Text));
    }
}
