using AdvisorBot.Cards;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>A pasted vacancy text, or a request to check one: not a question for the classifier.</summary>
public sealed class VacancyRecognizer(VacancyTextAnalyzer vacancies) : TextRecognizer<VacancyRequest>
{
    public override int Order => 200;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var isVacancyText = vacancies.IsVacancyText(input.Text, input.Language);
        return isVacancyText || vacancies.IsCheckRequest(input.Text, input.Language) ? new VacancyRequest(isVacancyText) : null;
    }
}

/// <summary>The vacancy-text check, or the request to paste one.</summary>
public sealed class VacancyCheckHandler(VacancyTextAnalyzer vacancies, TurnContexts contexts) : TurnHandler<VacancyRequest>
{
    protected override async Task<DialogResult> HandleAsync(VacancyRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(input);
        var next = input.State with { Language = input.Language, Turns = input.State.Turns + 1 };
        var turn = await contexts.CreateAsync(input.Text, input.Language, next, TargetGroupMention.None, null, input.Session, cancellationToken).ConfigureAwait(false);
        var answer = intent.IsVacancyText
            ? VacancyCheckView.Build(turn, vacancies.Analyze(input.Text, input.Language))
            : VacancyCheckView.AskForText(turn);
        return new DialogResult([TurnContexts.WithMatchNote(answer, turn)], next);
    }
}

/// <summary>"Ik moet 3 developers voor 1 maart hebben": a number, a deadline and a need.</summary>
public sealed class HiringGoalRecognizer(QuantityRecognizer quantities, TimeProvider time) : TextRecognizer<HiringGoalRequest>
{
    public override int Order => 300;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (quantities.ReadHiringRequest(input.Text, input.Language, time.GetUtcNow()) is { } request)
        {
            return new HiringGoalRequest(request);
        }

        // "En als het er 8 zijn?", "and if we take 6 months?" after a hiring goal: the new number or period first, then
        // the goal before it (the first head count and the first deadline read win).
        if (input.State is { LastIntent: var last, LastText: { } lastText } && last == IntentName.HiringFeasibility.Value
            && input.Text.Length <= MaxFollowUpLength && QuantityRecognizer.MightHoldQuantity(input.Text))
        {
            var both = $"{input.Text} {lastText}";
            return quantities.ReadHiringRequest(both, input.Language, time.GetUtcNow()) is { } changed ? new HiringGoalRequest(changed, both) : null;
        }

        return null;
    }

    private const int MaxFollowUpLength = 80;
}

/// <summary>Expectation management for a hiring goal, with the report's scarcity figures and what to do now.</summary>
public sealed class HiringGoalHandler(QuantityRecognizer quantities, TurnContexts contexts, TimeProvider time) : TurnHandler<HiringGoalRequest>
{
    protected override async Task<DialogResult> HandleAsync(HiringGoalRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(input);
        return await AnswerAsync(intent.Text ?? input.Text, input.Language, intent.Request, input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer for a hiring goal in <paramref name="text"/>, or null when it holds none (a replay of an edited text).</summary>
    public async Task<DialogResult?> AnswerAsync(string text, string language, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return quantities.ReadHiringRequest(text, language, time.GetUtcNow()) is { } request
            ? await AnswerAsync(text, language, request, input, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<DialogResult> AnswerAsync(string text, string language, HiringRequest request, TurnInput input, CancellationToken cancellationToken)
    {
        var next = input.State with { Language = language, Turns = input.State.Turns + 1 };
        var mention = await contexts.MentionAsync(text, cancellationToken).ConfigureAwait(false);
        var turn = await contexts.CreateAsync(text, language, next, mention, null, input.Session, cancellationToken).ConfigureAwait(false);
        if (turn.Match.Quality == MatchQuality.FunctionNotCovered)
        {
            return new DialogResult([TurnContexts.NotCoveredView(turn)], next);
        }

        var view = HiringFeasibilityView.Build(turn, request, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

        // Remembered, so "why?" explains this answer; no topic handler has its name, so "and for juniors?" and
        // "and in English?" as text stay what they were (the card's language button replays it).
        return new DialogResult([TurnContexts.WithMatchNote(view, turn) with { Replay = new AnswerReplay(IntentName.HiringFeasibility.Value, text) }],
            contexts.Remember(next, turn, mention, IntentName.HiringFeasibility, text));
    }
}
