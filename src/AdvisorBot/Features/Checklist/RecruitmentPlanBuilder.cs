using AdvisorBot.Dialogs;
using AdvisorBot.Knowledge;

namespace AdvisorBot.Features.Checklist;

/// <summary>The recruitment plan a finished walkthrough gives: focus, channels, message, what they want to know, expectations, notes.</summary>
internal static class RecruitmentPlanBuilder
{
    public static RecruitmentPlan Build(TurnContext turn, ChecklistProgress progress, string id, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(progress);
        var p = turn.Profile;
        var lines = turn.Texts.For(ChecklistSlots.PlanTexts);
        string Line(string key, params (string Name, string Value)[] values) =>
            ResponseTexts.Fill(lines.Line(key), values.ToDictionary(v => v.Name, v => v.Value));
        var focus = progress.Steps.Values.Select(s => s.Choice).FirstOrDefault(c => c is "active" or "latent");
        var sections = new List<PlanSection>
        {
            new(Line("focusHeading"), [focus is null ? Line("focusNone") : Line("focus_" + focus), FocusAdvice(p.Advice.ReachAndEngage[turn.Language], focus)]),
            new(Line("channelsHeading"), Channels(turn, progress, Line)),
            new(Line("messageHeading"), [.. p.Attractiveness.PullFactors.Items.Take(3).Select(i => $"{i.Label[turn.Language]} ({turn.Texts.Percent(i.Value ?? 0)})")]),
            new(Line("wantToKnowHeading"), [.. p.Approach.WantToKnow.Items.Select(i => i.Label[turn.Language])]),
            new(Line("expectationHeading"), [
                Line("expectation", ("indication", p.Scarcity.Indication.Label[turn.Language].ToLowerInvariant()),
                    ("feasibility", p.Scarcity.Feasibility.Label[turn.Language].ToLowerInvariant()),
                    ("pressure", turn.Texts.Format(p.Scarcity.VacancyPressure)),
                    ("active", turn.Texts.Percent(p.Supply.SearchActivity["active"].Value))),
                p.Scarcity.Advice[turn.Language]]),
            new(Line("notesHeading"), [.. p.Checklist.Items.Select(i => Note(turn, progress, i, Line))]),
        };
        return new RecruitmentPlan(id, turn.Language, Line("title", ("function", p.DisplayName(turn.Language))),
            Line("intro", ("function", p.DisplayName(turn.Language))), sections,
            turn.Answer(ChecklistSlots.PlanTexts).FromReport().Build().Source ?? "", created);
    }

    /// <summary>The channels the user chose at the marketing-mix step, or the report's top three.</summary>
    private static IReadOnlyList<string> Channels(TurnContext turn, ChecklistProgress progress, Func<string, (string, string)[], string> line)
    {
        var p = turn.Profile;
        var channelStep = p.Checklist.Items.FirstOrDefault(i => i.Key == "marketing-mix")?.Step;
        var chosen = channelStep is { } cs && progress.Steps.GetValueOrDefault(cs)?.Choice is { Length: > 0 } c
            ? c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(k => p.Channels.SearchChannels.Items.FirstOrDefault(i => i.Key == k)?.Label[turn.Language] ?? k).ToList()
            : [];
        var top = string.Join(", ", p.Channels.SearchChannels.Items.Take(3).Select(i => $"{i.Label[turn.Language]} ({turn.Texts.Percent(i.Value ?? 0)})"));
        return chosen.Count > 0 ? chosen : [line("channelsNone", [("top", top)])];
    }

    private static string Note(TurnContext turn, ChecklistProgress progress, ChecklistItem item, Func<string, (string, string)[], string> line)
    {
        var record = progress.Steps.GetValueOrDefault(item.Step);
        var status = line(ChecklistViews.StatusKey(record?.Status ?? StepStatus.Open), []);
        var label = item.Label[turn.Language];
        // The user's note is kept as typed; the card and the Markdown export escape it where they show it.
        return record?.Note is { } note ? $"{item.Step}. {label} — {status}: {note}" : $"{item.Step}. {label} — {status}";
    }

    /// <summary>The report's reach-and-engage advice: its sentence for the chosen focus, or all of it.</summary>
    private static string FocusAdvice(string advice, string? focus)
    {
        var sentences = advice.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        return focus switch
        {
            "active" when sentences.Length > 1 => sentences[0].TrimEnd('.') + ".",
            "latent" when sentences.Length > 1 => sentences[1].TrimEnd('.') + ".",
            _ => advice,
        };
    }
}
