using AdvisorBot.Cards;
using AdvisorBot.Knowledge;

namespace AdvisorBot.Dialogs;

/// <summary>
/// Builds an <see cref="AnswerView"/> from an intent's response texts and the profile's figures, formatted for the
/// turn's language. Every sentence comes from dialogs/responses; every figure from the profile.
/// </summary>
public sealed class AnswerBuilder
{
    private readonly TurnContext _turn;
    private readonly IntentTexts _texts;
    private readonly string _intent;
    private readonly Dictionary<string, string> _values;
    private readonly List<Fact> _facts = [];
    private readonly List<ChartView> _charts = [];
    private readonly List<ListView> _lists = [];
    private readonly List<string> _notes = [];
    private readonly SortedSet<string> _sources = new(StringComparer.Ordinal);
    private bool _fromReport;
    private string? _lead;
    private string? _advice;
    private string? _title;
    private CardKind _kind;

    internal AnswerBuilder(TurnContext turn, string intent)
    {
        _turn = turn;
        _intent = intent;
        _kind = new CardKind(intent);
        _texts = turn.Texts.For(intent);
        var selection = turn.Profile.Selection;
        _values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["function"] = selection.Function[Language],
            ["group"] = turn.Profile.DisplayName(Language),
            ["region"] = selection.Region.Label[Language],
            ["year"] = selection.ReportYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public string Language => _turn.Language;

    public ResponseTexts Texts => _turn.Texts;

    public TargetGroupProfile Profile => _turn.Profile;

    /// <summary>Adds a value for the {placeholders} of this answer's lines.</summary>
    public AnswerBuilder With(string name, string value)
    {
        _values[name] = value;
        return this;
    }

    /// <summary>Adds a figure as a placeholder value and records its source.</summary>
    public AnswerBuilder With(string name, Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        _sources.Add(figure.Source);
        return With(name, Texts.Format(figure));
    }

    public string Line(string key) => ResponseTexts.Fill(_texts.Line(key), _values);

    /// <summary>"good salary (59%), work atmosphere (46%) and close to home (44%)": the first items of a list with their shares.</summary>
    public string Top(ItemList list, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(list);
        _sources.Add(list.Source);
        return Texts.JoinList(list.Items.Take(count).Select(i => $"{i.Label[Language].ToLowerInvariant()} ({Texts.Percent(i.Value ?? 0)})"));
    }

    public AnswerBuilder Kind(CardKind cardKind)
    {
        _kind = cardKind;
        return this;
    }

    public AnswerBuilder Title(string lineKey)
    {
        _title = Line(lineKey);
        return this;
    }

    public AnswerBuilder Lead(string lineKey = "lead")
    {
        _lead = Line(lineKey);
        return this;
    }

    public AnswerBuilder Fact(string labelKey, Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        _sources.Add(figure.Source);
        _facts.Add(new Fact(Line(labelKey), Texts.Format(figure)));
        return this;
    }

    public AnswerBuilder Fact(string labelKey, Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        _sources.Add(category.Source);
        _facts.Add(new Fact(Line(labelKey), category.Label[Language]));
        return this;
    }

    public AnswerBuilder Fact(string labelKey, string value, string? sourceId = null)
    {
        if (sourceId is not null)
        {
            _sources.Add(sourceId);
        }

        _facts.Add(new Fact(Line(labelKey), value));
        return this;
    }

    public AnswerBuilder Chart(string key, string titleKey, ItemList list, ChartKind kind = ChartKind.HorizontalBar)
    {
        ArgumentNullException.ThrowIfNull(list);
        _sources.Add(list.Source);
        var points = list.Items.Where(i => i.Value is not null)
            .Select(i => new ChartPoint(i.Label[Language], i.Value!.Value, Texts.Percent(i.Value.Value)))
            .ToList();
        _charts.Add(new ChartView(key, Line(titleKey), kind, points));
        return this;
    }

    public AnswerBuilder Chart(string key, string titleKey, Distribution distribution, ChartKind kind = ChartKind.Donut)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        _sources.Add(distribution.Source);
        var points = distribution.Items.Select(i => new ChartPoint(i.Label[Language], i.Value, Texts.Percent(i.Value))).ToList();
        _charts.Add(new ChartView(key, Line(titleKey), kind, points));
        return this;
    }

    public AnswerBuilder List(string titleKey, ItemList list, bool numbered = true)
    {
        ArgumentNullException.ThrowIfNull(list);
        _sources.Add(list.Source);
        _lists.Add(new ListView(Line(titleKey), [.. list.Items.Select(i => i.Label[Language])], numbered));
        return this;
    }

    public AnswerBuilder List(string titleKey, IEnumerable<string> items, bool numbered = false)
    {
        _lists.Add(new ListView(Line(titleKey), [.. items], numbered));
        return this;
    }

    public AnswerBuilder Advice(LocalizedText advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        _advice = advice[Language];
        return this;
    }

    public AnswerBuilder AdviceLine(string lineKey = "advice")
    {
        _advice = Line(lineKey);
        return this;
    }

    public AnswerBuilder Note(string note)
    {
        _notes.Add(note);
        return this;
    }

    public AnswerBuilder Source(string sourceId)
    {
        _sources.Add(sourceId);
        return this;
    }

    /// <summary>Cites the report itself: for its advice, checklist and account of sources, which carry no figure of one source.</summary>
    public AnswerBuilder FromReport()
    {
        _fromReport = true;
        return this;
    }

    public AnswerView Build() => new()
    {
        Kind = _kind,
        Topic = _intent,
        Language = Language,
        Title = _title ?? ResponseTexts.Fill(_texts.Title, _values),
        Lead = _lead,
        Note = _notes.Count == 0 ? null : string.Join(" ", _notes),
        Facts = _facts,
        Charts = _charts,
        Lists = _lists,
        Advice = _advice,
        Source = SourceLine(),
        Suggestions = [.. _texts.Suggestions.Select(s => ResponseTexts.Fill(s, _values))],
        ProfileId = Profile.Id,
        ProfileVersion = Profile.Version,
    };

    /// <summary>"Bron: …" with the sources of the figures shown, or the report itself for its advice; none without either.</summary>
    private string? SourceLine()
    {
        if (_sources.Count == 0 && _fromReport)
        {
            return ResponseTexts.Fill(Texts.Line("sourceReport"), new Dictionary<string, string>
            {
                ["report"] = Profile.Selection.ReportTitle[Language],
                ["publisher"] = Profile.Selection.Publisher,
                ["year"] = _values["year"],
            });
        }

        if (_sources.Count == 0)
        {
            return null;
        }

        return ResponseTexts.Fill(Texts.Line("source"), new Dictionary<string, string>
        {
            ["sources"] = string.Join("; ", _sources.Select(id => Profile.Source(id).Name[Language])),
            ["publisher"] = Profile.Selection.Publisher,
            ["year"] = _values["year"],
        });
    }

    /// <summary>The intent these texts belong to.</summary>
    public string IntentName => _intent;
}
