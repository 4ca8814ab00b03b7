using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Dialogs.Conversation;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.State;

namespace AdvisorBot.Features.Checklist;

/// <summary>
/// The guided checklist walkthrough: the report's checklist one step at a time (what it means, the figures that
/// matter for it, a note or a choice, Back / Skip / Not yet / Done), then a recruitment plan with an export.
/// Started, continued and restarted by phrases or by the cards' buttons; any other question in between gets its
/// normal answer and the walkthrough waits at its step. Progress is per user and target group, read and changed
/// through the turn's unit of work: two clicks of one user at once (two devices, two chats) both land, since the
/// later one runs again on the earlier one's result.
/// </summary>
public sealed class ChecklistWalkthrough(TurnContexts contexts, LanguageChooser languages, ChecklistViews views, TimeProvider time)
    : TurnHandler<ChecklistRequest>
{
    protected override async Task<DialogResult> HandleAsync(ChecklistRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(input);
        await input.LockUserAsync(cancellationToken).ConfigureAwait(false);
        var language = intent.Action is null ? input.Language : languages.ForAction(null, input.Locale, input.State);
        var next = input.State with { Language = language, Turns = input.State.Turns + 1 };
        var mention = await contexts.MentionAsync(input.Text, cancellationToken).ConfigureAwait(false);
        var turn = await contexts.CreateAsync(input.Text, language, next, mention, null, input.Session, cancellationToken).ConfigureAwait(false);
        if (turn.Match.Quality == MatchQuality.FunctionNotCovered)
        {
            return new DialogResult([TurnContexts.NotCoveredView(turn)], next);
        }

        var answer = intent.Action is { } action
            ? await ActAsync(action, input, turn, cancellationToken).ConfigureAwait(false)
            : await CommandAsync(intent.Command ?? ChecklistCommand.Start, input, turn, cancellationToken).ConfigureAwait(false);
        return new DialogResult([answer], next with { ProfileId = turn.Profile.Id });
    }

    private async Task<AnswerView> CommandAsync(ChecklistCommand command, TurnInput input, TurnContext turn, CancellationToken cancellationToken)
    {
        var slot = ChecklistSlots.Progress(input.UserKey, turn.Profile.Id);
        var current = await input.Session.GetAsync(slot, cancellationToken).ConfigureAwait(false);
        var progress = command == ChecklistCommand.Restart || current is null || (current.Completed && command == ChecklistCommand.Start)
            ? new ChecklistProgress { ProfileId = turn.Profile.Id }
            : current;
        if (!ReferenceEquals(progress, current))
        {
            input.Session.Set(slot, progress);
        }

        if (progress is { Completed: true, PlanId: { } planId }
            && await input.Session.GetAsync(ChecklistSlots.Plan(planId), cancellationToken).ConfigureAwait(false) is { } plan)
        {
            return views.PlanView(turn, plan);
        }

        var resumed = command == ChecklistCommand.Continue || (command == ChecklistCommand.Start && progress.Steps.Count > 0);
        return views.StepView(turn, progress, Math.Clamp(progress.Step, 1, turn.Profile.Checklist.Items.Count), resumed);
    }

    private async Task<AnswerView> ActAsync(StepAction action, TurnInput input, TurnContext turn, CancellationToken cancellationToken)
    {
        switch (action.Command)
        {
            case StepCommand.Start or StepCommand.Continue or StepCommand.Restart:
                var command = action.Command switch { StepCommand.Restart => ChecklistCommand.Restart, StepCommand.Continue => ChecklistCommand.Continue, _ => ChecklistCommand.Start };
                return await CommandAsync(command, input, turn, cancellationToken).ConfigureAwait(false);
        }

        var total = turn.Profile.Checklist.Items.Count;
        var step = Math.Clamp(action.Step, 1, total);
        var slot = ChecklistSlots.Progress(input.UserKey, turn.Profile.Id);
        var progress = Record(await input.Session.GetAsync(slot, cancellationToken).ConfigureAwait(false)
            ?? new ChecklistProgress { ProfileId = turn.Profile.Id }, action, step, total);
        if (progress.Completed && action.Command != StepCommand.Back && step == total)
        {
            var plan = views.BuildPlan(turn, progress, progress.PlanId ?? UnguessableId.New(), time.GetUtcNow());
            input.Session.Set(ChecklistSlots.Plan(plan.Id), plan);
            progress = progress with { PlanId = plan.Id };
            input.Session.Set(slot, progress);
            return views.PlanView(turn, plan);
        }

        input.Session.Set(slot, progress);
        return views.StepView(turn, progress, progress.Step, resumed: false);
    }

    /// <summary>The progress after a step button: the step's status, note and choice, and where the walk goes next.</summary>
    private static ChecklistProgress Record(ChecklistProgress progress, StepAction action, int step, int total)
    {
        var steps = new Dictionary<int, ChecklistStepRecord>(progress.Steps);
        var before = steps.GetValueOrDefault(step) ?? new ChecklistStepRecord(StepStatus.Open);
        var status = action.Command switch
        {
            StepCommand.Done => StepStatus.Done,
            StepCommand.NotYet => StepStatus.NotYet,
            StepCommand.Skip => StepStatus.Skipped,
            _ => before.Status,
        };
        static string? Merge(string? sent, string? recorded) => sent is null ? recorded : sent.Length == 0 ? null : sent;
        steps[step] = new ChecklistStepRecord(status, Merge(action.Note, before.Note), Merge(action.Choice, before.Choice));
        var next = action.Command == StepCommand.Back ? Math.Max(1, step - 1) : step + 1;
        return progress with
        {
            Steps = steps,
            Step = Math.Min(next, total),
            Completed = progress.Completed || (next > total && action.Command != StepCommand.Back),
        };
    }
}
