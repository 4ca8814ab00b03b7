using System.Text.Json;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>"Waar baseer je dat op?", "what makes you say that?": the reasoning and the basis of the last answer.</summary>
public sealed record ExplainRequest : TurnIntent;

/// <summary>Short messages that ask why or on what basis (dialogs/follow-ups.json), before the classifier.</summary>
public sealed class ExplainRecognizer(PhraseMatcher phrases, IReadOnlyCollection<string> leads) : TextRecognizer<ExplainRequest>
{
    private const int MaxLength = 80;

    /// <summary>"Waarom?", "waarom LinkedIn?", "why so?": a lead word with at most this many words after it.</summary>
    private const int MaxWordsAfterLead = 2;

    private readonly HashSet<string> _leads = [.. leads.Select(TextNormalizer.Normalize)];

    public ExplainRecognizer(PhraseMatcher phrases)
        : this(phrases, [])
    {
    }

    /// <summary>From dialogs/follow-ups.json: the phrases under <c>explain</c>, the lead words under <c>explainLead</c>.</summary>
    public static ExplainRecognizer Load(string path)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        var leads = document.RootElement.TryGetProperty("explainLead", out var l)
            ? l.EnumerateObject().SelectMany(x => x.Value.EnumerateArray().Select(p => p.GetString()!)).ToList()
            : [];
        return new ExplainRecognizer(PhraseMatcher.Load(path, "explain"), leads);
    }

    public override int Order => 360;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Text.Length <= MaxLength && (IsMostlyAPhrase(input) || StartsWithLead(input.Text)) ? new ExplainRequest() : null;
    }

    /// <summary>Words beside the phrase that still leave it a bare follow-up ("en waar baseer je dat op dan?").</summary>
    private const int MaxWordsBesidePhrase = 3;

    /// <summary>
    /// The phrase is the question: few other words, and with nothing said yet none at all ("kwadrant uitleg graag"
    /// in a new conversation asks for the quadrant, not for the reasoning of an answer that was never given).
    /// </summary>
    private bool IsMostlyAPhrase(TurnInput input) =>
        phrases.WordsOutside(input.Text) is { } outside && outside <= (input.State.LastIntent is null ? 0 : MaxWordsBesidePhrase);

    private bool StartsWithLead(string text)
    {
        var words = TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',', ':')).Where(w => w.Length > 0).ToList();
        if (words.Count > 0 && words[0] is "en" or "and" or "maar" or "but")
        {
            words.RemoveAt(0);
        }

        for (var n = Math.Min(2, words.Count); n >= 1; n--)
        {
            if (_leads.Contains(string.Join(' ', words.Take(n))))
            {
                return words.Count - n <= MaxWordsAfterLead;
            }
        }

        return false;
    }
}

/// <summary>
/// The basis of the last answer: which report and sources its figures come from, how the bot works with them (it
/// converts only what the user names, and says so), what the report's reconstruction is unsure of, and the figures
/// again. With no answer yet: the report's account of its sources.
/// </summary>
public sealed class ExplainHandler(IntentHandlers handlers, TurnContexts contexts) : TurnHandler<ExplainRequest>
{
    private static readonly IntentName Explain = new("Explain");

    protected override async Task<DialogResult> HandleAsync(ExplainRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = input.State;
        var next = state with { Language = input.Language, Turns = state.Turns + 1 };
        // A hiring goal's answer rests on the feasibility figures: "why?" after it explains those.
        var lastTopic = state.LastIntent == IntentName.HiringFeasibility.Value ? "Feasibility" : state.LastIntent;
        var hasLast = lastTopic is { } last && handlers.TryGet(new IntentName(last), out _) && new IntentName(last).IsAboutTheReport;
        var text = hasLast ? state.LastText ?? "" : input.Text;
        var mention = await contexts.MentionAsync(text, cancellationToken).ConfigureAwait(false);
        var turn = await contexts.CreateAsync(text, input.Language, next, mention, null, input.Session, cancellationToken).ConfigureAwait(false);
        var sources = await handlers[IntentName.Sources].HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        if (!hasLast)
        {
            // "What is the source?" with nothing said yet: the report's account of its sources, as asked.
            return new DialogResult([sources], next);
        }

        var previous = await handlers[new IntentName(lastTopic!)].HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        var p = turn.Profile;
        var answer = turn.Answer(Explain)
            .With("previous", previous.Title).With("publisher", p.Selection.Publisher).With("client", p.Selection.Client[turn.Language])
            .Lead().AdviceLine("method");
        var view = answer.List("listDoubts", RelevantDoubts(p, previous, turn.Language)).Build();
        // The reasoning first: the last answer's own figures, then what they rest on.
        view = view with { Lead = previous.Lead is { } figures ? $"{figures}\n\n{view.Lead}" : view.Lead };
        return new DialogResult([view with { Facts = previous.Facts, Source = previous.Source ?? sources.Source }], next);
    }

    /// <summary>
    /// The doubts the last answer carries (its note or lists name them) and the one about the sources, which every
    /// "where does that come from?" concerns; not the branch/study doubt under a salary check.
    /// </summary>
    private static IEnumerable<string> RelevantDoubts(TargetGroupProfile profile, AnswerView previous, string language)
    {
        var shown = string.Join("\n", [previous.Note, previous.Advice, .. previous.Lists.SelectMany(l => l.Items)]);
        return profile.Doubts.Where(d => d.Path == "$.sources" || shown.Contains(d.Text[language], StringComparison.Ordinal)).Select(d => d.Text[language]);
    }
}
