using AdvisorBot.Cards;
using AdvisorBot.Knowledge;
using AdvisorBot.State;
using AdvisorBot.Understanding;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>
/// Makes the <see cref="TurnContext"/> a handler answers from: resolves the target group from what this turn and the
/// conversation said, and keeps the context that makes follow-ups work. Also the answers every path shares: the
/// closest-match note, "not covered", "which topic did you mean?" and the apology for a failed turn.
/// </summary>
public sealed class TurnContexts(
    ITargetGroupCatalog catalog,
    TargetGroupExtractor extractor,
    IReadOnlyDictionary<string, ResponseTexts> texts,
    QuantityRecognizer quantities,
    IOptions<DialogOptions> options)
{
    private readonly DialogOptions _options = options.Value;

    public ResponseTexts TextsFor(string language) =>
        texts.TryGetValue(language, out var found) ? found : texts[_options.DefaultLanguage];

    /// <summary>What the text says about the target group (function, seniority, education, region).</summary>
    public async Task<TargetGroupMention> MentionAsync(string text, CancellationToken cancellationToken)
    {
        var profiles = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        return extractor.Extract(text, profiles);
    }

    public async Task<TurnContext> CreateAsync(string text, string language, ConversationState state, TargetGroupMention mention,
        IntentPrediction? prediction, StateSession? session, CancellationToken cancellationToken)
    {
        var match = await catalog.ResolveAsync(QueryFor(state, mention), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The knowledge base holds no target-group profile.");
        return new TurnContext
        {
            Text = text,
            Language = language,
            Texts = TextsFor(language),
            Match = match,
            State = state,
            Quantities = quantities,
            Prediction = prediction,
            Session = session,
        };
    }

    /// <summary>A context for one profile with no conversation behind it (the chart images).</summary>
    public TurnContext ForProfile(TargetGroupProfile profile, string text, string language) => new()
    {
        Text = text,
        Language = language,
        Texts = TextsFor(language),
        Match = new ProfileMatch(profile, []),
        State = new ConversationState(),
        Quantities = quantities,
    };

    /// <summary>What this turn says about the target group, on top of what the conversation said before.</summary>
    public static TargetGroupQuery QueryFor(ConversationState state, TargetGroupMention mention)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(mention);
        if (mention.Function is not null && !string.Equals(mention.Function, state.AskedFunction, StringComparison.Ordinal))
        {
            // A new function starts a new target group: earlier seniority or region no longer apply.
            return new TargetGroupQuery(mention.Function, mention.Seniority, mention.Education, mention.Region);
        }

        return new TargetGroupQuery(
            state.AskedFunction,
            mention.Seniority ?? state.AskedSeniority,
            mention.Education ?? state.AskedEducation,
            mention.Region ?? state.AskedRegion);
    }

    /// <summary>The conversation after an answered topic: its target group, topic and words, for follow-ups.</summary>
    public ConversationState Remember(ConversationState state, TurnContext turn, TargetGroupMention mention, IntentName intent, string text)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(turn);
        var query = QueryFor(state, mention);
        var remembered = text.Length > _options.MaxRememberedTextLength ? text[.._options.MaxRememberedTextLength] : text;
        return state with
        {
            ProfileId = turn.Profile.Id,
            AskedFunction = query.Function,
            AskedSeniority = query.Seniority,
            AskedEducation = query.Education,
            AskedRegion = query.Region,
            LastIntent = intent.Value,
            LastText = remembered,
        };
    }

    /// <summary>Shown on every answer with figures while the conversation asks for a group the profile only approximates.</summary>
    public static AnswerView WithMatchNote(AnswerView answer, TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Match.Quality != MatchQuality.Closest || !answer.HasFigures)
        {
            return answer;
        }

        var lines = turn.Texts;
        var gaps = turn.Match.Gaps.Select(g => ResponseTexts.Fill(lines.Line("gap" + g.Dimension), new Dictionary<string, string> { ["value"] = g.Requested }));
        var note = ResponseTexts.Fill(lines.Line("closestMatch"), new Dictionary<string, string>
        {
            ["gaps"] = lines.JoinList(gaps),
            ["available"] = turn.Profile.DisplayName(turn.Language),
        });
        return answer with { Note = answer.Note is null ? note : $"{note} {answer.Note}" };
    }

    /// <summary>A function the knowledge base has no report on: never answered with another group's figures.</summary>
    public static AnswerView NotCoveredView(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var answer = turn.Answer(IntentName.NotCovered)
            .With("requested", CardMarkdown.Escape(turn.Match.Gaps.First(g => g.Dimension == MatchDimension.Function).Requested))
            .With("available", turn.Profile.DisplayName(turn.Language));
        return answer.Lead().Build();
    }

    /// <summary>Too unsure to answer: the topics it might be, as buttons.</summary>
    public static AnswerView ClarifyView(TurnContext turn, IntentPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(prediction);
        var view = turn.Answer(IntentName.Clarify).Lead().Build();
        var candidates = new[] { prediction.Intent, prediction.SecondIntent }
            .Where(i => i != IntentName.None.Value && turn.Texts.Intents.TryGetValue(i, out var t) && t.Lines.ContainsKey("ask"))
            .Distinct(StringComparer.Ordinal)
            .Select(i => turn.Texts.For(i).Line("ask"));
        return view with { Suggestions = [.. candidates, .. view.Suggestions] };
    }

    /// <summary>The answer to a failed turn: an apology in the conversation's language, no details.</summary>
    public AnswerView ErrorView(string? language)
    {
        var languageTexts = TextsFor(language ?? _options.DefaultLanguage);
        var lines = languageTexts.For(IntentName.Error.Value);
        return new AnswerView
        {
            Kind = CardKind.Error,
            Language = languageTexts.Language,
            Title = lines.Title,
            Lead = lines.Line("lead"),
            Suggestions = lines.Suggestions,
        };
    }
}
