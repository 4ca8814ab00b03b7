using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Knowledge;

namespace AdvisorBot.Features.Checklist;

/// <summary>The walkthrough's cards: one step (meaning, figures, input, buttons, progress), and the finished plan.</summary>
public sealed class ChecklistViews(IPublicBaseUrl publicBaseUrl)
{
    public AnswerView StepView(TurnContext turn, ChecklistProgress progress, int step, bool resumed)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(progress);
        var p = turn.Profile;
        var item = p.Checklist.Items[step - 1];
        var record = progress.Steps.GetValueOrDefault(step);
        var answer = turn.Answer(ChecklistSlots.StepTexts).Kind(ChecklistSlots.Card)
            .With("step", turn.Texts.Number(step)).With("total", turn.Texts.Number(p.Checklist.Items.Count))
            .With("label", item.Label[turn.Language])
            .With("function", p.DisplayName(turn.Language));
        answer.Lead("explain_" + item.Key);
        if (resumed)
        {
            answer.Note(answer.Line("resumed"));
        }

        var inputs = ChecklistStepFacts.Add(answer, turn, item.Key, record);
        inputs.Add(new InputView("note", answer.Line(item.Open ? "noteOwn" : "note"), record?.Note ?? "", []));
        var view = answer.FromReport().Build();
        return view with
        {
            Title = answer.Line("stepTitle"),
            Progress = answer.Line("progress") + (record is { Status: not StepStatus.Open } ? " · " + answer.Line(StatusKey(record.Status)) : ""),
            Inputs = inputs,
            Actions = StepButtons(answer, step, p),
            Suggestions = [],
        };
    }

    private static List<ActionView> StepButtons(AnswerBuilder answer, int step, TargetGroupProfile profile)
    {
        var actions = new List<ActionView>();
        if (step > 1)
        {
            actions.Add(new ActionView(answer.Line("back"), ChecklistRecognizer.ButtonData(StepCommand.Back, step, profile.Id)));
        }

        actions.Add(new ActionView(answer.Line("skip"), ChecklistRecognizer.ButtonData(StepCommand.Skip, step, profile.Id)));
        actions.Add(new ActionView(answer.Line("notYet"), ChecklistRecognizer.ButtonData(StepCommand.NotYet, step, profile.Id)));
        var last = step == profile.Checklist.Items.Count;
        actions.Add(new ActionView(answer.Line(last ? "finish" : "done"), ChecklistRecognizer.ButtonData(StepCommand.Done, step, profile.Id), Primary: true));
        return actions;
    }

    /// <summary>The response line of a status: "status_done", "status_notYet", …</summary>
    public static string StatusKey(StepStatus status) => "status_" + status switch
    {
        StepStatus.Done => "done",
        StepStatus.NotYet => "notYet",
        StepStatus.Skipped => "skipped",
        _ => "open",
    };

    public RecruitmentPlan BuildPlan(TurnContext turn, ChecklistProgress progress, string id, DateTimeOffset created) =>
        RecruitmentPlanBuilder.Build(turn, progress, id, created);

    public AnswerView PlanView(TurnContext turn, RecruitmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(plan);
        var answer = turn.Answer(ChecklistSlots.PlanTexts).Kind(ChecklistSlots.Card).With("function", turn.Profile.DisplayName(turn.Language));
        answer.Lead("intro");
        var view = answer.Advice(turn.Profile.Advice.ManagingExpectations).FromReport().Build();
        return view with
        {
            Title = plan.Title,
            // Notes and chosen channels are the user's words: shown as typed, never as markup.
            Lists = [.. plan.Sections.Select(s => new ListView(s.Heading, [.. s.Items.Select(CardMarkdown.Escape)], Numbered: false))],
            Actions =
            [
                new ActionView(answer.Line("openPlan"), Url: $"{publicBaseUrl.Current}/plans/{plan.Id}", Primary: true),
                new ActionView(answer.Line("downloadMarkdown"), Url: $"{publicBaseUrl.Current}/plans/{plan.Id}.md"),
                new ActionView(answer.Line("restart"), ChecklistRecognizer.ButtonData(StepCommand.Restart, 1, turn.Profile.Id)),
            ],
            Suggestions = [],
            Progress = answer.Line("progressDone"),
        };
    }
}
