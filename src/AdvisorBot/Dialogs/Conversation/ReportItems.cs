using System.Text.Json;
using System.Text.RegularExpressions;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>
/// Names from the report's own lists (dialogs/report-items.json): "tweakers?", "werkt indeed.nl?", "ASML", "leaseauto".
/// The names come from the profiles themselves (every label of the configured lists, a website also without its
/// domain, a name in brackets on its own) plus the file's aliases, so a new profile brings its own names. Rebuilt
/// when the profiles change.
/// </summary>
public sealed partial class ReportItemIndex
{
    [GeneratedRegex(@"^(?<outer>[^()]+)\((?<inner>[^()]+)\)\s*$")]
    private static partial Regex BracketPattern();

    private readonly ITargetGroupCatalog _catalog;
    private readonly List<(string Path, IntentName Topic)> _lists = [];
    private readonly Dictionary<string, List<string>> _aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignore = new(StringComparer.Ordinal);
    private readonly List<(HashSet<IntentName> Of, IntentName Topic)> _overviews = [];
    private Built _built = new(["\0"], new PhraseLookup<IntentName[]>([]));

    private sealed record Built(string[] Versions, PhraseLookup<IntentName[]> Names);

    public ReportItemIndex(string path, ITargetGroupCatalog catalog)
    {
        _catalog = catalog;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var list in document.RootElement.GetProperty("lists").EnumerateArray())
        {
            _lists.Add((list.GetProperty("path").GetString()!, new IntentName(list.GetProperty("topic").GetString()!)));
        }

        foreach (var alias in document.RootElement.GetProperty("aliases").EnumerateObject())
        {
            _aliases[alias.Name] = [.. alias.Value.EnumerateObject().SelectMany(l => l.Value.EnumerateArray().Select(p => p.GetString()!))];
        }

        foreach (var word in document.RootElement.GetProperty("ignore").EnumerateArray())
        {
            _ignore.Add(TextNormalizer.Normalize(word.GetString()!));
        }

        if (document.RootElement.TryGetProperty("overview", out var overviews))
        {
            foreach (var overview in overviews.EnumerateArray())
            {
                _overviews.Add(([.. overview.GetProperty("of").EnumerateArray().Select(t => new IntentName(t.GetString()!))], new IntentName(overview.GetProperty("topic").GetString()!)));
            }
        }
    }

    /// <summary>Every topic a list points to (for the start-up check that each has a handler).</summary>
    public IEnumerable<IntentName> Topics => _lists.Select(l => l.Topic).Concat(_overviews.Select(o => o.Topic)).Distinct();

    /// <summary>
    /// The topic of the first list that names an item the text mentions, with every topic whose lists name one
    /// ("Instagram" is an app and a social medium), or null.
    /// </summary>
    public ReportItemMatch? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var built = Current();
        if (built.Names.IsEmpty)
        {
            return null;
        }

        IntentName? best = null;
        var bestRank = int.MaxValue;
        var named = new HashSet<IntentName>();
        var names = 0;
        foreach (var topics in built.Names.All(text))
        {
            names++;
            foreach (var topic in topics)
            {
                named.Add(topic);
                var rank = _lists.FindIndex(l => l.Topic == topic);
                if (rank < bestRank)
                {
                    (best, bestRank) = (topic, rank);
                }
            }
        }

        if (best is not { } first)
        {
            return null;
        }

        // "Headhunter of LinkedIn?": two names of several topics of one group, answered by the group's overview (one
        // name in two lists, "Facebook" a social medium and an app, is no such question).
        var overview = names > 1 && named.Count > 1 ? _overviews.FirstOrDefault(o => named.Count(o.Of.Contains) > 1) : default;
        return overview.Of is not null ? new ReportItemMatch(overview.Topic, named, IsOverview: true) : new ReportItemMatch(first, named, IsOverview: false);
    }

    private Built Current()
    {
        var profiles = _catalog.List();
        var built = Volatile.Read(ref _built);
        if (built.Versions.Length == profiles.Count && built.Versions.Select((v, i) => v == profiles[i].Version).All(same => same))
        {
            return built; // the same profiles as last time: no rebuild, nothing allocated but the check
        }

        var versions = profiles.Select(p => p.Version).ToArray();

        var topics = new Dictionary<string, List<IntentName>>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            var root = ProfileJson.ToElement(profile);
            foreach (var (path, topic) in _lists)
            {
                foreach (var name in Names(root, path).Concat(_aliases.GetValueOrDefault(path) ?? []).Select(n => string.Join(' ', PhraseMatcher.Words(TextNormalizer.Normalize(n), splitDots: false))))
                {
                    if (name.Length >= 2 && !_ignore.Contains(name))
                    {
                        if (!topics.TryGetValue(name, out var of))
                        {
                            topics[name] = of = [];
                        }

                        if (!of.Contains(topic))
                        {
                            of.Add(topic);
                        }
                    }
                }
            }
        }

        built = new Built(versions, new PhraseLookup<IntentName[]>(topics.Select(t => (t.Key, t.Value.ToArray()))));
        Volatile.Write(ref _built, built);
        return built;
    }

    /// <summary>The names of a list's items: each label in every language, its parts split at '/' and ',', a bracketed name, a site's name without the domain.</summary>
    private static IEnumerable<string> Names(JsonElement root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                yield break;
            }
        }

        if (!node.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in items.EnumerateArray())
        {
            if (!item.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var name in label.EnumerateObject().SelectMany(l => NamesOf(l.Value.GetString() ?? "")))
            {
                yield return name;
            }
        }
    }

    /// <summary>A label, its parts split at '/' and ',', a bracketed name and what stands before it, a site without its domain.</summary>
    private static IEnumerable<string> NamesOf(string text)
    {
        yield return text;
        var bracket = BracketPattern().Match(text);
        var whole = bracket.Success ? bracket.Groups["outer"].Value : text;
        if (bracket.Success)
        {
            yield return bracket.Groups["inner"].Value;
            yield return whole;
        }

        foreach (var piece in whole.Split(['/', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p.Length >= 4))
        {
            yield return piece;
        }

        if (!whole.Contains(' ', StringComparison.Ordinal) && whole.IndexOf('.', StringComparison.Ordinal) is > 3 and var dot)
        {
            yield return whole[..dot];
        }
    }
}

/// <summary>The topic a named item points to, and every topic whose lists name an item of the text.</summary>
/// <param name="IsOverview">Items of several topics of one group ("headhunter of LinkedIn?"), answered by the group's overview.</param>
public sealed record ReportItemMatch(IntentName Topic, IReadOnlySet<IntentName> Named, bool IsOverview);

/// <summary>
/// A question that names an item of the report's lists goes to the topic that shows that list, unless the
/// classifier is sure of another question about the report ("wat verdienen ze bij ASML?" stays a salary question).
/// </summary>
public sealed class ReportItemRecognizer : TextRecognizer<TopicRequest>
{
    private readonly ReportItemIndex _index;
    private readonly IIntentClassifier _classifier;

    public ReportItemRecognizer(ReportItemIndex index, IIntentClassifier classifier, IntentHandlers handlers)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(handlers);
        _index = index;
        _classifier = classifier;
        var gaps = index.Topics.Where(t => !handlers.TryGet(t, out _)).ToList();
        if (gaps.Count > 0)
        {
            throw new InvalidOperationException("dialogs/report-items.json names topics that do not exist: " + string.Join(", ", gaps));
        }
    }

    private const float SureOfAnother = 0.9f;
    private const float SureEnoughInALongQuestion = 0.4f;
    private const int LongQuestionWords = 8;

    /// <summary>A broad reading the classifier is this sure of stands ("overall advies voor het werven van ICT'ers").</summary>
    private const float SureOfABroadTopic = 0.75f;

    /// <summary>A question about none of the report this surely stays one ("my laptop won't start", "serietip voor Netflix").</summary>
    private const float SureOfNone = 0.5f;

    /// <summary>Topics that a named item should override even when the classifier is sure: the broad ones.</summary>
    private static readonly HashSet<string> Broad = [IntentName.FollowUp.Value, "Feasibility", "Strategy", "Factsheet", "Channels", "Help", IntentName.None.Value];

    public override int Order => 370;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Text.Length > 300 || _index.Find(input.Text) is not { } match)
        {
            return null;
        }

        var prediction = input.Classify(_classifier);
        if (!match.IsOverview && match.Named.Contains(new IntentName(prediction.Intent)))
        {
            // "Instagram voor ICT'ers?" read as social media: a topic that lists the name, so no doubt is left.
            return new TopicRequest(prediction with { Score = 1 });
        }

        return KeepsTheClassifier(input.Text, prediction, match)
            ? new TopicRequest(prediction)
            : new TopicRequest(new IntentPrediction(match.Topic.Value, 1, prediction.Intent, prediction.Score));
    }

    /// <summary>
    /// In a long question a name is often a detail ("ik ben recruiter bij DUO, waar begin ik?"): the classifier's
    /// reading stands when it is fairly sure; in a short one the name is the question, unless the classifier reads
    /// one of the topics that list the name, or is sure the message is about something else altogether.
    /// </summary>
    private static bool KeepsTheClassifier(string text, IntentPrediction prediction, ReportItemMatch match)
    {
        var read = new IntentName(prediction.Intent);
        if (read == IntentName.None)
        {
            return prediction.Score >= SureOfNone;
        }

        if (match.IsOverview)
        {
            return read == match.Topic;
        }

        if (Broad.Contains(prediction.Intent))
        {
            return prediction.Score >= SureOfABroadTopic;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var sure = prediction.Score >= (words > LongQuestionWords ? SureEnoughInALongQuestion : SureOfAnother);

        // "Thanks very much indeed" is thanks, not the job site.
        return sure && (read.IsAboutTheReport || prediction.Score >= SureOfAnother);
    }
}
