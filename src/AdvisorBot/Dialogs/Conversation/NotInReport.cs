using System.Text.Json;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>A question the report cannot answer (dialogs/unanswerable.json): its honest answer and the topic whose figures help.</summary>
public sealed record NotInReportTopic(string Key, IntentName Nearest, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, string> Answer)
{
    /// <summary>The nearest topic is the one the question itself is about ("wat verdient een Java-developer?": salary).</summary>
    public static readonly IntentName Asked = new("asked");
}

/// <summary>The catalogue of questions the report cannot answer, matched on whole words of the normalised text, in either language.</summary>
public sealed partial class NotInReportCatalog
{
    private readonly List<NotInReportTopic> _topics = [];
    private readonly PhraseLookup<int> _phrases;

    public NotInReportCatalog(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var phrases = new List<(string, int)>();
        foreach (var entry in document.RootElement.GetProperty("topics").EnumerateArray())
        {
            static Dictionary<string, string> Texts(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            _topics.Add(new NotInReportTopic(entry.GetProperty("key").GetString()!, new IntentName(entry.GetProperty("nearest").GetString()!),
                Texts(entry.GetProperty("title")), Texts(entry.GetProperty("answer"))));
            var rank = _topics.Count - 1;
            if (LaterYears is null && entry.TryGetProperty("yearsAfterTheReport", out var later) && later.ValueKind == JsonValueKind.True)
            {
                LaterYears = _topics[rank];
            }

            phrases.AddRange(entry.GetProperty("phrases").EnumerateObject().SelectMany(l => l.Value.EnumerateArray().Select(p => (p.GetString()!, rank))));
        }

        _phrases = new PhraseLookup<int>(phrases);
    }

    public IReadOnlyList<NotInReportTopic> Topics => _topics;

    /// <summary>The topic for a question that names another year than the newest report's ("salarissen in 2025", "in 2015"), if any.</summary>
    public NotInReportTopic? LaterYears { get; }

    /// <summary>
    /// Whether the text names a year other than <paramref name="reportYear"/>: a later one (up to ten years from now)
    /// or an earlier one since 2000 ("hoeveel vacatures waren er in 2015?"); the report has figures of one year.
    /// </summary>
    public static bool NamesAnotherYear(string text, int reportYear, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (System.Text.RegularExpressions.Match match in YearPattern().Matches(text))
        {
            var year = int.Parse(match.ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            if (year != reportYear && year <= currentYear + 10)
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\d.,€])\b20\d{2}\b(?![.,]\d)")]
    private static partial System.Text.RegularExpressions.Regex YearPattern();

    /// <summary>The first topic (in the file's order) whose phrases the text holds, or null: one pass over the text for all of them.</summary>
    public NotInReportTopic? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var best = int.MaxValue;
        foreach (var rank in _phrases.All(text))
        {
            best = Math.Min(best, rank);
        }

        return best == int.MaxValue ? null : _topics[best];
    }
}

/// <summary>"Hoe lang duurt het om een developer te werven?": a question the report cannot answer.</summary>
public sealed record NotInReportRequest(NotInReportTopic Topic) : TurnIntent;

/// <summary>
/// After the checklist, vacancy and hiring-goal readers, before the classifier. A message the classifier is sure is
/// about none of the report ("wat is de hoofdstad van Frankrijk?") is no question the report fails to answer.
/// </summary>
public sealed class NotInReportRecognizer(NotInReportCatalog catalog, IIntentClassifier classifier, ITargetGroupCatalog profiles, TimeProvider time)
    : TextRecognizer<NotInReportRequest>
{
    private const float SureOfNone = 0.7f;

    public override int Order => 350;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Text.Length > 500 || (catalog.Find(input.Text) ?? LaterYears(input.Text)) is not { } topic)
        {
            return null;
        }

        // "Koningsdag dit jaar", "my salary was paid late this month": a date alone makes no question about the
        // report's age; the classifier must read a question about the report at all.
        var prediction = input.Classify(classifier);
        var aboutNothing = prediction.Intent == IntentName.None.Value && (prediction.Score >= SureOfNone || topic == catalog.LaterYears);
        return aboutNothing ? null : new NotInReportRequest(topic);
    }

    /// <summary>"Developer salaries in 2025", "vacatures in 2015": figures of another year than any report's, which the bot does not have.</summary>
    private NotInReportTopic? LaterYears(string text)
    {
        if (catalog.LaterYears is not { } topic || !text.Contains("20", StringComparison.Ordinal))
        {
            return null;
        }

        var all = profiles.List();
        var newest = all.Count == 0 ? int.MaxValue : all.Max(p => p.Selection.ReportYear);
        return NotInReportCatalog.NamesAnotherYear(text, newest, time.GetUtcNow().Year) ? topic : null;
    }
}

/// <summary>
/// Says plainly that the report does not give it, then the nearest figures that help (the nearest topic's card,
/// under the honest title and lead). A function the knowledge base lacks is said so first.
/// </summary>
public sealed class NotInReportHandler : TurnHandler<NotInReportRequest>
{
    private readonly IntentHandlers _handlers;
    private readonly TurnContexts _contexts;
    private readonly IIntentClassifier _classifier;
    private readonly float _minimumConfidence;

    public NotInReportHandler(IntentHandlers handlers, TurnContexts contexts, NotInReportCatalog catalog, IIntentClassifier classifier,
        Microsoft.Extensions.Options.IOptions<DialogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _handlers = handlers;
        _contexts = contexts;
        _classifier = classifier;
        _minimumConfidence = options.Value.MinimumConfidence;
        var gaps = catalog.Topics.Where(t => t.Nearest != NotInReportTopic.Asked && !handlers.TryGet(t.Nearest, out _)).Select(t => $"{t.Key}: no topic '{t.Nearest}'").ToList();
        if (gaps.Count > 0)
        {
            throw new InvalidOperationException("dialogs/unanswerable.json names topics that do not exist: " + string.Join("; ", gaps));
        }
    }

    protected override Task<DialogResult> HandleAsync(NotInReportRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(input);
        return AnswerAsync(intent.Topic, input.Text, input.Language, input, cancellationToken);
    }

    /// <summary>The topic whose figures follow the honest answer: the catalogue's, or what the question asks about (else the factsheet).</summary>
    private IntentName Nearest(NotInReportTopic topic, string text)
    {
        if (topic.Nearest != NotInReportTopic.Asked)
        {
            return topic.Nearest;
        }

        var prediction = _classifier.Predict(text);
        var asked = new IntentName(prediction.Intent);
        return prediction.Score >= _minimumConfidence && (asked.IsAboutTheReport || asked == IntentName.Sources) && asked != IntentName.None && asked != IntentName.FollowUp
            && _handlers.TryGet(asked, out _) ? asked : new IntentName("Factsheet");
    }

    public async Task<DialogResult> AnswerAsync(NotInReportTopic topic, string text, string language, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(input);
        var next = input.State with { Language = language, Turns = input.State.Turns + 1 };
        var mention = await _contexts.MentionAsync(text, cancellationToken).ConfigureAwait(false);
        var turn = await _contexts.CreateAsync(text, language, next, mention, null, input.Session, cancellationToken).ConfigureAwait(false);
        if (turn.Match.Quality == MatchQuality.FunctionNotCovered)
        {
            return new DialogResult([TurnContexts.NotCoveredView(turn)], next);
        }

        var nearest = await _handlers[Nearest(topic, text)].HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        var honest = ResponseTexts.Fill(topic.Answer.GetValueOrDefault(language) ?? topic.Answer["nl"], new Dictionary<string, string>
        {
            ["year"] = turn.Profile.Selection.ReportYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["publisher"] = turn.Profile.Selection.Publisher,
        });
        var answer = TurnContexts.WithMatchNote(nearest, turn) with
        {
            Title = topic.Title.GetValueOrDefault(language) ?? topic.Title["nl"],
            Lead = nearest.Lead is { } lead ? $"{honest} {lead}" : honest,
            Replay = new AnswerReplay(IntentName.NotInReport.Value, text),
        };
        return new DialogResult([answer], next);
    }
}
