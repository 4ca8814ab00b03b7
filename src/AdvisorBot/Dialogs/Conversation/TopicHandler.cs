using AdvisorBot.Cards;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>The classifier's reading of every message no earlier recogniser took.</summary>
public sealed class TopicRecognizer(IIntentClassifier classifier) : TextRecognizer<TopicRequest>
{
    public const int LastOrder = 1000;

    public override int Order => LastOrder;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new TopicRequest(input.Classify(classifier));
    }
}

/// <summary>
/// A question for one of the report's topics: "and in English?" and "start over" act on the conversation; an unsure
/// reading asks which topic was meant; a function the knowledge base lacks is said so; "and for juniors?" repeats
/// the last topic for the new group; every other topic goes to its handler.
/// </summary>
public sealed class TopicHandler(IntentHandlers handlers, TurnContexts contexts, LanguageChooser languages, QuantityRecognizer quantities, IOptions<DialogOptions> options)
    : TurnHandler<TopicRequest>
{
    private readonly DialogOptions _options = options.Value;

    protected override async Task<DialogResult> HandleAsync(TopicRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        var prediction = intent.Prediction;
        var topic = new IntentName(prediction.Intent);
        var sure = prediction.Score >= _options.MinimumConfidence;
        if (sure && topic == IntentName.SwitchLanguage)
        {
            return await SwitchLanguageAsync(input, cancellationToken).ConfigureAwait(false);
        }

        if (sure && topic == IntentName.Cancel)
        {
            return await CancelAsync(input, prediction, cancellationToken).ConfigureAwait(false);
        }

        var next = input.State with { Language = input.Language, Turns = input.State.Turns + 1 };
        var mention = await contexts.MentionAsync(input.Text, cancellationToken).ConfigureAwait(false);
        var turn = await contexts.CreateAsync(input.Text, input.Language, next, mention, prediction, input.Session, cancellationToken).ConfigureAwait(false);
        if (turn.Match.Quality == MatchQuality.FunctionNotCovered && (!sure || (topic != IntentName.None && !IsSmallTalk(topic))))
        {
            // Never answer a question about nurses with developer figures, and do not ask which topic was meant either:
            // whatever the topic, there is no report on that function.
            return new DialogResult([TurnContexts.NotCoveredView(turn)], next);
        }

        if (!sure && topic != IntentName.None)
        {
            return new DialogResult([TurnContexts.ClarifyView(turn, prediction)], next);
        }

        return await AnswerAsync(input, intent, mention, next, turn, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogResult> AnswerAsync(TurnInput input, TopicRequest intent, TargetGroupMention mention, ConversationState next,
        TurnContext turn, CancellationToken cancellationToken)
    {
        var prediction = intent.Prediction;
        var (topic, text) = FollowUp(input, prediction, mention);
        if (text != input.Text)
        {
            // "And for juniors?": the last topic for the new group; the text that led to it keeps its numbers.
            turn = await contexts.CreateAsync(text, input.Language, next, mention, prediction, input.Session, cancellationToken).ConfigureAwait(false);
        }

        var answer = await handlers[topic].HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        answer = TurnContexts.WithMatchNote(answer, turn) with { Replay = new AnswerReplay(topic.Value, text) };
        if (intent.WhatItMeans && input.State.LastIntent is not null && answer.Advice is not null)
        {
            // "Wat betekent dat voor onze vacature?": the figures in a sentence, what to do with them; no charts again.
            answer = answer with { Title = ResponseTexts.Fill(turn.Texts.Line("whatItMeans"), new Dictionary<string, string> { ["title"] = answer.Title }), Charts = [] };
        }

        // The fallback is no topic to follow up or explain: the conversation keeps its last real one.
        return new DialogResult([answer], topic == IntentName.None ? next : contexts.Remember(next, turn, mention, topic, text));
    }

    /// <summary>
    /// The topic to answer and the words to answer it from. A follow-up repeats the last topic with the last words;
    /// with nothing to follow, a topic the question also names ("what do juniors earn?") is the better answer.
    /// </summary>
    private (IntentName Topic, string Text) FollowUp(TurnInput input, IntentPrediction prediction, TargetGroupMention mention)
    {
        var topic = new IntentName(prediction.Intent);
        if (IsNewHoursForTheLastSalary(input, topic))
        {
            // "What if we make it 36 hours with the same pay?": the new hours with the last offer; "and at 36 hours?"
            // after the average: the average at those hours.
            return (Salary, FollowUpText(input.Text, input.State.LastText!, input.Language));
        }

        if (topic == Salary && IsAPeriodForTheLastSalary(input))
        {
            // "And per month?" after a salary answer: the same answer in that period.
            return (Salary, $"{input.Text} {input.State.LastText}");
        }

        if (topic != IntentName.FollowUp)
        {
            return (topic, input.Text);
        }

        if (input.State.LastIntent is { } last && handlers.TryGet(new IntentName(last), out _))
        {
            return (new IntentName(last), FollowUpText(input.Text, input.State.LastText ?? input.Text, input.Language));
        }

        var second = new IntentName(prediction.SecondIntent);
        if (second.IsAboutTheReport && second != IntentName.None && prediction.SecondScore >= _options.MinimumSecondaryConfidence)
        {
            return (second, input.Text);
        }

        // Nothing to follow: "en voor junioren?" still names a group (its summary); a place alone ("de A12 bij
        // Utrecht") is no question about the report, and gets the fallback, never figures.
        return mention.Function is not null || mention.Seniority is not null || mention.Education is not null
            ? (topic, input.Text)
            : (IntentName.None, input.Text);
    }

    private static readonly IntentName Salary = new("Salary");

    /// <summary>A short hours question read as the hours topic may still be about the last salary ("and at 36 hours?").</summary>
    private const int MaxWordsOfNewHours = 5;

    private static bool IsAPeriodForTheLastSalary(TurnInput input) =>
        input.State is { LastIntent: "Salary", LastText: { Length: <= 400 } last } && last != input.Text && !input.Text.Any(char.IsDigit)
        && input.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxWordsOfNewHours && QuantityRecognizer.AskedPeriod(input.Text) is not null;

    /// <summary>Hours without an amount, after a salary answer or check.</summary>
    private bool IsNewHoursForTheLastSalary(TurnInput input, IntentName topic) =>
        input.State is { LastIntent: "Salary", LastText: { } last } && last != input.Text && input.Text.Any(char.IsDigit)
        && (topic == Salary || topic == IntentName.FollowUp
            || (topic.Value == "WorkingHours" && input.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxWordsOfNewHours))
        && quantities.ReadHoursPerWeek(input.Text) is not null && quantities.ReadSalary(input.Text, input.Language) is not { Amount: >= 100 };

    private static bool IsSmallTalk(IntentName topic) =>
        topic == IntentName.Greeting || topic == IntentName.Thanks || topic == IntentName.Cancel || topic == IntentName.SwitchLanguage;

    /// <summary>
    /// The words a follow-up is answered from. "En als we 3.600 bieden?" after an offer at 36 hours: the new amount
    /// with the old hours. "En bij 36 uur?": the new hours first (the first hours read win), then the old offer.
    /// Without numbers: the last question's words.
    /// </summary>
    private string FollowUpText(string text, string lastText, string language)
    {
        if (lastText == text || lastText.Length > 400)
        {
            return lastText;
        }

        if (!text.Any(char.IsDigit))
        {
            // "And per month?": the asked period with the last words.
            return QuantityRecognizer.AskedPeriod(text) is not null ? $"{text} {lastText}" : lastText;
        }

        if (quantities.ReadSalary(text, language) is { Amount: >= 100 } && quantities.ReadSalary(lastText, language) is not null)
        {
            return quantities.ReadHoursPerWeek(text) is null && quantities.ReadHoursPerWeek(lastText) is { } hours
                ? $"{text} {hours.ToString(System.Globalization.CultureInfo.InvariantCulture)} uur"
                : text;
        }

        return $"{text} {lastText}";
    }

    /// <summary>"And in English?": the last answer again in the other language, or the welcome in it.</summary>
    private async Task<DialogResult> SwitchLanguageAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var state = input.State;
        var target = languages.Target(input.Text, state.Language ?? input.Language);
        var next = state with { Language = target, Turns = state.Turns + 1 };
        if (state.LastIntent is { } last && handlers.TryGet(new IntentName(last), out var handler))
        {
            var repeatTurn = await contexts.CreateAsync(state.LastText ?? "", target, next, TargetGroupMention.None, null, input.Session, cancellationToken).ConfigureAwait(false);
            var repeated = await handler.HandleAsync(repeatTurn, cancellationToken).ConfigureAwait(false);
            return new DialogResult([repeated with { Replay = new AnswerReplay(last, state.LastText ?? "") }], next);
        }

        var turn = await contexts.CreateAsync(input.Text, target, next, TargetGroupMention.None, null, input.Session, cancellationToken).ConfigureAwait(false);
        return new DialogResult([await handlers[IntentName.SwitchLanguage].HandleAsync(turn, cancellationToken).ConfigureAwait(false)], next);
    }

    /// <summary>Start over: the conversation forgets its context (not its language or welcome) and says so.</summary>
    private async Task<DialogResult> CancelAsync(TurnInput input, IntentPrediction prediction, CancellationToken cancellationToken)
    {
        var reset = new ConversationState { Language = input.Language, Welcomed = input.State.Welcomed, Turns = input.State.Turns + 1 };
        var turn = await contexts.CreateAsync(input.Text, input.Language, reset, TargetGroupMention.None, prediction, input.Session, cancellationToken).ConfigureAwait(false);
        return new DialogResult([await handlers[IntentName.Cancel].HandleAsync(turn, cancellationToken).ConfigureAwait(false)], reset);
    }
}

/// <summary>
/// Attempts to override the bot's instructions or make it dump everything (dialogs/out-of-scope.json): read before
/// anything else and answered with the fallback, which shows no figure.
/// </summary>
public sealed class InstructionOverrideRecognizer(PhraseMatcher phrases) : TextRecognizer<TopicRequest>
{
    public override int Order => 10;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return phrases.Matches(input.Text) ? new TopicRequest(new IntentPrediction(IntentName.None.Value, 1, IntentName.None.Value, 0)) : null;
    }
}
