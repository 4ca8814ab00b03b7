using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Dialogs;

public sealed class DialogOptions
{
    /// <summary>Below this intent probability the bot asks which topic was meant instead of guessing.</summary>
    public float MinimumConfidence { get; set; } = 0.30f;

    /// <summary>The language when neither the text nor the locale decides.</summary>
    public string DefaultLanguage { get; set; } = "nl";

    /// <summary>A runner-up intent this likely may answer a follow-up that has nothing to follow.</summary>
    public float MinimumSecondaryConfidence { get; set; } = 0.10f;

    /// <summary>Messages shorter than this many words take the conversation's or locale's language, not a guess.</summary>
    public int MinimumWordsToDetectLanguage { get; set; } = 3;

    /// <summary>How much of the last message is kept to repeat an answer in another language.</summary>
    public int MaxRememberedTextLength { get; set; } = 500;
}

/// <summary>The answers of one turn and the conversation state after it.</summary>
public sealed record DialogResult(IReadOnlyList<AnswerView> Answers, ConversationState State);

/// <summary>
/// The conversation logic, free of any channel: text in, answers out. Picks the answer language, the intent and the
/// target group, runs the intent's handler, and keeps the context that makes follow-ups work.
/// </summary>
public sealed class AdvisorDialog
{
    public const string SwitchLanguageIntent = "SwitchLanguage";
    public const string CancelIntent = "Cancel";
    public const string NoneIntent = "None";
    public const string FollowUpIntent = "TargetGroupFollowUp";

    private readonly IIntentClassifier _classifier;
    private readonly LanguageDetector _languages;
    private readonly TargetGroupExtractor _extractor;
    private readonly ITargetGroupCatalog _catalog;
    private readonly IReadOnlyDictionary<string, ResponseTexts> _texts;
    private readonly VacancyTextAnalyzer _vacancies;
    private readonly TimeProvider _time;
    private readonly ChecklistWalkthrough _walkthrough;
    private readonly IReadOnlyDictionary<string, IIntentHandler> _handlers;
    private readonly QuantityRecognizer _quantities;
    private readonly DialogOptions _options;

    public AdvisorDialog(
        IIntentClassifier classifier,
        LanguageDetector languages,
        TargetGroupExtractor extractor,
        ITargetGroupCatalog catalog,
        IReadOnlyDictionary<string, ResponseTexts> texts,
        IEnumerable<IIntentHandler> handlers,
        QuantityRecognizer quantities,
        VacancyTextAnalyzer vacancies,
        ChecklistWalkthrough walkthrough,
        TimeProvider time,
        IOptions<DialogOptions> options)
    {
        _walkthrough = walkthrough;
        _time = time;
        ArgumentNullException.ThrowIfNull(options);
        _vacancies = vacancies;
        _classifier = classifier;
        _languages = languages;
        _extractor = extractor;
        _catalog = catalog;
        _texts = texts;
        _quantities = quantities;
        _options = options.Value;
        _handlers = handlers.ToDictionary(h => h.Intent, StringComparer.Ordinal);
        CheckCoverage();
    }

    public IReadOnlyCollection<string> Languages => [.. _texts.Keys];

    /// <summary>The welcome, in the locale's language (or the default).</summary>
    public async Task<DialogResult> WelcomeAsync(string? locale, ConversationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var language = state.Language ?? LanguageOf(locale) ?? _options.DefaultLanguage;
        var turn = await ContextAsync("", language, state, TargetGroupMention.None, null, cancellationToken).ConfigureAwait(false);
        var welcome = WelcomeView(turn) with { Replay = new AnswerReplay(WelcomeIntent, "") };
        return new DialogResult([welcome], state with { Welcomed = true, Language = language });
    }

    public const string WelcomeIntent = "Welcome";

    /// <summary>
    /// Gives an earlier answer again in <paramref name="language"/> — the card's language switch. The conversation
    /// goes on in that language; its topic and target group stay as they are.
    /// </summary>
    public async Task<DialogResult> ReplayAsync(AnswerReplay replay, string language, ConversationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(state);
        if (!_texts.ContainsKey(language))
        {
            language = state.Language ?? _options.DefaultLanguage;
        }

        if (replay.Intent == HiringFeasibilityView.Intent
            && await HiringAsync(replay.Text, language, state, cancellationToken).ConfigureAwait(false) is { } hiring)
        {
            return hiring;
        }

        var next = state with { Language = language, Turns = state.Turns + 1 };
        if (replay.Intent == WelcomeIntent || !_handlers.TryGetValue(replay.Intent, out var handler))
        {
            return await WelcomeAsync(null, next, cancellationToken).ConfigureAwait(false);
        }

        var profiles = await _catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        var turn = await ContextAsync(replay.Text, language, next, _extractor.Extract(replay.Text, profiles), null, cancellationToken).ConfigureAwait(false);
        var answer = WithMatchNote(await handler.HandleAsync(turn, cancellationToken).ConfigureAwait(false), turn);
        return new DialogResult([answer with { Replay = replay }], next);
    }

    public async Task<DialogResult> MessageAsync(string text, string? locale, ConversationState state, CancellationToken cancellationToken,
        string? userKey = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        var language = ChooseLanguage(text, locale, state);

        // "Loop de checklist met me door", "verder met de checklist", "checklist opnieuw": the guided walkthrough.
        if (userKey is not null && _walkthrough.ReadCommand(text) is { } command)
        {
            return await ChecklistAsync(null, command, userKey, text, language, state, cancellationToken).ConfigureAwait(false);
        }

        // A pasted vacancy text, or a request to check one: not a question for the classifier.
        var isVacancyText = _vacancies.IsVacancyText(text, language);
        if (isVacancyText || _vacancies.IsCheckRequest(text, language))
        {
            return await VacancyCheckAsync(text, language, isVacancyText, state, cancellationToken).ConfigureAwait(false);
        }

        // "Ik moet 3 developers voor 1 maart hebben": a number, a deadline and a need — expectation management.
        if (await HiringAsync(text, language, state, cancellationToken).ConfigureAwait(false) is { } hiring)
        {
            return hiring;
        }

        var prediction = _classifier.Predict(text);
        var intent = prediction.Intent;
        var profiles = await _catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        var mention = _extractor.Extract(text, profiles);

        if (intent == SwitchLanguageIntent && prediction.Score >= _options.MinimumConfidence)
        {
            return await SwitchLanguageAsync(text, state, language, cancellationToken).ConfigureAwait(false);
        }

        if (intent == CancelIntent && prediction.Score >= _options.MinimumConfidence)
        {
            var reset = new ConversationState { Language = language, Welcomed = state.Welcomed, Turns = state.Turns + 1 };
            var cancelTurn = await ContextAsync(text, language, reset, TargetGroupMention.None, prediction, cancellationToken).ConfigureAwait(false);
            return new DialogResult([await _handlers[CancelIntent].HandleAsync(cancelTurn, cancellationToken).ConfigureAwait(false)], reset);
        }

        var next = state with { Language = language, Turns = state.Turns + 1 };
        if (prediction.Score < _options.MinimumConfidence && intent != NoneIntent)
        {
            var clarifyTurn = await ContextAsync(text, language, next, mention, prediction, cancellationToken).ConfigureAwait(false);
            return new DialogResult([ClarifyView(clarifyTurn, prediction)], next);
        }

        var turn = await ContextAsync(text, language, next, mention, prediction, cancellationToken).ConfigureAwait(false);
        if (turn.Match.Quality == MatchQuality.FunctionNotCovered && intent != NoneIntent && IsAboutTheReport(intent))
        {
            // Never answer a question about nurses with developer figures.
            return new DialogResult([NotCoveredView(turn, turn.Match)], next);
        }

        // "And for juniors?" repeats the last topic for the new group; the text that led to it keeps its numbers.
        // With nothing to follow up, a topic the question also names ("what do juniors earn?") is the better answer.
        var handlerIntent = intent;
        if (intent == FollowUpIntent && state.LastIntent is { } last && _handlers.ContainsKey(last))
        {
            handlerIntent = last;
        }
        else if (intent == FollowUpIntent && IsAboutTheReport(prediction.SecondIntent) && prediction.SecondIntent != NoneIntent
            && prediction.SecondScore >= _options.MinimumSecondaryConfidence)
        {
            intent = prediction.SecondIntent;
        }

        if (handlerIntent != intent)
        {
            turn = await ContextAsync(state.LastText ?? text, language, next, mention, prediction, cancellationToken).ConfigureAwait(false);
            intent = handlerIntent;
            text = state.LastText ?? text;
        }

        var answer = await _handlers[intent].HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        answer = WithMatchNote(answer, turn) with { Replay = new AnswerReplay(intent, text) };
        next = Remember(next, turn, mention, intent, text);
        return new DialogResult([answer], next);
    }

    /// <summary>A checklist button (with the card's inputs) or command, for one user: their progress is per user and target group.</summary>
    public async Task<DialogResult> ChecklistAsync(ChecklistWalkthrough.StepAction? action, ChecklistCommand? command, string userKey, string text,
        string? language, ConversationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        ArgumentNullException.ThrowIfNull(state);
        language = language is not null && _texts.ContainsKey(language) ? language : state.Language ?? _options.DefaultLanguage;
        var next = state with { Language = language, Turns = state.Turns + 1 };
        var profiles = await _catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        var turn = await ContextAsync(text, language, next, _extractor.Extract(text, profiles), null, cancellationToken).ConfigureAwait(false);
        if (turn.Match.Quality == MatchQuality.FunctionNotCovered)
        {
            return new DialogResult([NotCoveredView(turn, turn.Match)], next);
        }

        var answer = action is not null
            ? await _walkthrough.ActAsync(action, userKey, turn, cancellationToken).ConfigureAwait(false)
            : await _walkthrough.CommandAsync(command ?? ChecklistCommand.Start, userKey, turn, cancellationToken).ConfigureAwait(false);
        return new DialogResult([answer], next with { ProfileId = turn.Profile.Id });
    }

    private async Task<DialogResult?> HiringAsync(string text, string language, ConversationState state, CancellationToken cancellationToken)
    {
        if (_quantities.ReadHiringRequest(text, language, _time.GetUtcNow()) is not { } request)
        {
            return null;
        }

        var profiles = await _catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        var next = state with { Language = language, Turns = state.Turns + 1 };
        var turn = await ContextAsync(text, language, next, _extractor.Extract(text, profiles), null, cancellationToken).ConfigureAwait(false);
        if (turn.Match.Quality == MatchQuality.FunctionNotCovered)
        {
            return new DialogResult([NotCoveredView(turn, turn.Match)], next);
        }

        var view = HiringFeasibilityView.Build(turn, request, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
        return new DialogResult([WithMatchNote(view, turn) with { Replay = new AnswerReplay(HiringFeasibilityView.Intent, text) }], next);
    }

    private async Task<DialogResult> VacancyCheckAsync(string text, string language, bool isVacancyText, ConversationState state, CancellationToken cancellationToken)
    {
        var next = state with { Language = language, Turns = state.Turns + 1 };
        var turn = await ContextAsync(text, language, next, TargetGroupMention.None, null, cancellationToken).ConfigureAwait(false);
        var answer = isVacancyText
            ? VacancyCheckView.Build(turn, _vacancies.Analyze(text, language))
            : VacancyCheckView.AskForText(turn);
        return new DialogResult([WithMatchNote(answer, turn)], next);
    }

    private async Task<DialogResult> SwitchLanguageAsync(string text, ConversationState state, string detected, CancellationToken cancellationToken)
    {
        var target = TargetLanguage(text, state.Language ?? detected);
        var next = state with { Language = target, Turns = state.Turns + 1 };
        if (state.LastIntent is { } lastIntent && _handlers.TryGetValue(lastIntent, out var handler))
        {
            var repeatTurn = await ContextAsync(state.LastText ?? "", target, next, TargetGroupMention.None, null, cancellationToken).ConfigureAwait(false);
            var repeated = await handler.HandleAsync(repeatTurn, cancellationToken).ConfigureAwait(false);
            return new DialogResult([repeated with { Replay = new AnswerReplay(lastIntent, state.LastText ?? "") }], next);
        }

        var turn = await ContextAsync(text, target, next, TargetGroupMention.None, null, cancellationToken).ConfigureAwait(false);
        return new DialogResult([await _handlers[SwitchLanguageIntent].HandleAsync(turn, cancellationToken).ConfigureAwait(false)], next);
    }

    /// <summary>The answer to a failed turn: an apology in the conversation's language, no details.</summary>
    public AnswerView ErrorView(string? language)
    {
        var texts = TextsFor(language ?? _options.DefaultLanguage);
        var lines = texts.For("Error");
        return new AnswerView
        {
            Intent = "Error",
            Language = texts.Language,
            Title = lines.Title,
            Lead = lines.Line("lead"),
            Suggestions = lines.Suggestions,
        };
    }

    /// <summary>
    /// The language of the question when it is clear from the text; for a word or two ("hallo", "ok") the
    /// conversation's language, then the locale's, since a couple of words do not tell Dutch from English.
    /// </summary>
    public string ChooseLanguage(string text, string? locale, ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var known = state.Language ?? LanguageOf(locale);
        var guess = _languages.Detect(text);
        if ((words >= _options.MinimumWordsToDetectLanguage || known is null)
            && guess.Margin >= LanguageDetector.MinimumMargin && _texts.ContainsKey(guess.Language))
        {
            return guess.Language;
        }

        return known ?? _options.DefaultLanguage;
    }

    private string? LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Split('-', '_')[0].ToLowerInvariant();
        return _texts.ContainsKey(language) ? language : null;
    }

    private string TargetLanguage(string text, string current)
    {
        var normalized = $" {TextNormalizer.Normalize(text)} ";
        foreach (var texts in _texts.Values)
        {
            if (texts.Line("languageWords").Split(',').Any(w => normalized.Contains($" {w.Trim()} ", StringComparison.Ordinal)))
            {
                return texts.Language;
            }
        }

        // No language named: switch to the next one.
        var all = _texts.Keys.Order(StringComparer.Ordinal).ToList();
        return all[(all.IndexOf(current) + 1) % all.Count];
    }

    private async Task<TurnContext> ContextAsync(string text, string language, ConversationState state, TargetGroupMention mention,
        IntentPrediction? prediction, CancellationToken cancellationToken)
    {
        var query = QueryFor(state, mention);
        var match = await _catalog.ResolveAsync(query, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The knowledge base holds no target-group profile.");
        return new TurnContext
        {
            Text = text,
            Language = language,
            Texts = TextsFor(language),
            Match = match,
            State = state,
            Quantities = _quantities,
            Prediction = prediction,
        };
    }

    /// <summary>What this turn says about the target group, on top of what the conversation said before.</summary>
    private static TargetGroupQuery QueryFor(ConversationState state, TargetGroupMention mention)
    {
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

    private ConversationState Remember(ConversationState state, TurnContext turn, TargetGroupMention mention, string intent, string text)
    {
        var query = QueryFor(state, mention);
        var remembered = text.Length > _options.MaxRememberedTextLength ? text[.._options.MaxRememberedTextLength] : text;
        return state with
        {
            ProfileId = turn.Profile.Id,
            AskedFunction = query.Function,
            AskedSeniority = query.Seniority,
            AskedEducation = query.Education,
            AskedRegion = query.Region,
            LastIntent = intent,
            LastText = remembered,
        };
    }

    private static AnswerView WithMatchNote(AnswerView answer, TurnContext turn)
    {
        // Shown on every answer with figures while the conversation asks for a group we only approximate.
        if (turn.Match.Quality != MatchQuality.Closest || !answer.HasFigures)
        {
            return answer;
        }

        var texts = turn.Texts;
        var gaps = turn.Match.Gaps.Select(g => ResponseTexts.Fill(texts.Line("gap" + g.Dimension), new Dictionary<string, string> { ["value"] = g.Requested }));
        var note = ResponseTexts.Fill(texts.Line("closestMatch"), new Dictionary<string, string>
        {
            ["gaps"] = texts.JoinList(gaps),
            ["available"] = turn.Profile.DisplayName(turn.Language),
        });
        return answer with { Note = answer.Note is null ? note : $"{note} {answer.Note}" };
    }

    internal static AnswerView NotCoveredView(TurnContext turn, ProfileMatch match)
    {
        var answer = turn.Answer("NotCovered")
            .With("requested", match.Gaps.First(g => g.Dimension == MatchDimension.Function).Requested)
            .With("available", match.Profile.DisplayName(turn.Language));
        return answer.Lead().Build();
    }

    internal static AnswerView ClarifyView(TurnContext turn, IntentPrediction prediction)
    {
        var view = turn.Answer("Clarify").Lead().Build();
        var candidates = new[] { prediction.Intent, prediction.SecondIntent }
            .Where(i => i != NoneIntent && turn.Texts.Intents.TryGetValue(i, out var t) && t.Lines.ContainsKey("ask"))
            .Distinct(StringComparer.Ordinal)
            .Select(i => turn.Texts.For(i).Line("ask"));
        return view with { Suggestions = [.. candidates, .. view.Suggestions] };
    }

    private static AnswerView WelcomeView(TurnContext turn) => Intents.SwitchLanguageHandler.Build(turn);

    private static bool IsAboutTheReport(string intent) =>
        intent is not ("Help" or "Greeting" or "Thanks" or CancelIntent or SwitchLanguageIntent or "Sources");

    private ResponseTexts TextsFor(string language) =>
        _texts.TryGetValue(language, out var texts) ? texts : _texts[_options.DefaultLanguage];

    /// <summary>Every intent the classifier knows has a handler, and texts in every language; else the service must not start.</summary>
    private void CheckCoverage()
    {
        var problems = new List<string>();
        foreach (var intent in _classifier.Intents)
        {
            if (!_handlers.ContainsKey(intent))
            {
                problems.Add($"intent '{intent}' has no {intent}Handler");
            }
        }

        foreach (var intent in _handlers.Keys.Where(i => !_classifier.Intents.Contains(i)))
        {
            problems.Add($"{intent}Handler has no utterances in dialogs/*.lu");
        }

        foreach (var texts in _texts.Values)
        {
            foreach (var intent in _handlers.Keys.Concat(["Welcome", "Clarify", "Error", "NotCovered"]))
            {
                if (!texts.Intents.ContainsKey(intent))
                {
                    problems.Add($"responses/{texts.Language}.json has no texts for '{intent}'");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The dialogs data is incomplete: " + string.Join("; ", problems));
        }
    }
}
