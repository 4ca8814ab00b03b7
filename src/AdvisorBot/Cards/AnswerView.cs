namespace AdvisorBot.Cards;

/// <summary>A label and its formatted value, in the answer's language.</summary>
public sealed record Fact(string Label, string Value);

public enum ChartKind
{
    HorizontalBar,
    VerticalBar,
    Donut,
}

/// <summary>A chart's data: labels and percentages (or counts), in the answer's language.</summary>
public sealed record ChartView(string Key, string Title, ChartKind Kind, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(string Label, decimal Value, string FormattedValue);

/// <summary>An input on the card: free text, or a choice (one or several) among options.</summary>
public sealed record InputView(string Id, string Label, string Value, IReadOnlyList<ChoiceView> Choices, bool Multiple = false)
{
    public bool IsChoice => Choices.Count > 0;
}

public sealed record ChoiceView(string Value, string Title);

/// <summary>A button that sends data back to the bot (with the card's inputs), or opens a link.</summary>
public sealed record ActionView(string Title, IReadOnlyDictionary<string, string>? Data = null, string? Url = null, bool Primary = false);

/// <summary>How to give an answer again (say, in another language): the handler's intent and the words that led to it.</summary>
public sealed record AnswerReplay(string Intent, string Text);

/// <summary>
/// The name of a card template. Cards are data: a kind with a file of its own in cards/ gets that template, any
/// other kind the generic one (Topic for answers with figures, Message for the rest).
/// </summary>
public readonly record struct CardKind(string Name)
{
    public static readonly CardKind Topic = new("Topic");
    public static readonly CardKind Message = new("Message");
    public static readonly CardKind Error = new("Error");

    public override string ToString() => Name;
}

/// <summary>A titled list without values (websites, apps, the nine things candidates want to know).</summary>
public sealed record ListView(string Title, IReadOnlyList<string> Items, bool Numbered);

/// <summary>
/// The card view model: what a handler answers, free of any card format, figures first, then what to do with them.
/// The card renderer turns it into the Adaptive Card of its <see cref="Kind"/>; the console prints it as text.
/// </summary>
public sealed record AnswerView
{
    /// <summary>Which card template shows it (cards/{Kind}.json, else Topic or Message).</summary>
    public required CardKind Kind { get; init; }

    /// <summary>The topic whose figures it shows (the chart URLs name it), when it has one.</summary>
    public string? Topic { get; init; }

    public required string Language { get; init; }
    public required string Title { get; init; }

    /// <summary>The headline: one or two sentences with the key figures.</summary>
    public string? Lead { get; init; }

    /// <summary>What the bot could not match exactly ("closest available: …"), shown above the figures.</summary>
    public string? Note { get; init; }

    public IReadOnlyList<Fact> Facts { get; init; } = [];
    public IReadOnlyList<ChartView> Charts { get; init; } = [];
    public IReadOnlyList<ListView> Lists { get; init; } = [];

    /// <summary>The report's advice, 1–3 sentences.</summary>
    public string? Advice { get; init; }

    /// <summary>"Bron: …", absent on answers without figures (help, greeting).</summary>
    public string? Source { get; init; }

    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The profile the figures come from, and its version: chart URLs are built from them.</summary>
    public string? ProfileId { get; init; }
    public string? ProfileVersion { get; init; }

    /// <summary>Where a walkthrough stands ("Stap 3 van 7"), shown under the title.</summary>
    public string? Progress { get; init; }

    public IReadOnlyList<InputView> Inputs { get; init; } = [];

    /// <summary>Buttons of a walkthrough step or a plan (the follow-up questions are <see cref="Suggestions"/>).</summary>
    public IReadOnlyList<ActionView> Actions { get; init; } = [];

    /// <summary>Set on answers the dialog can give again in another language (the card's language switch).</summary>
    public AnswerReplay? Replay { get; init; }

    /// <summary>True for answers that carry report figures; the fallback, help and greeting carry none.</summary>
    public bool HasFigures => Facts.Count > 0 || Charts.Count > 0 || Source is not null;
}
