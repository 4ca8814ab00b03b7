using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Knowledge;

namespace AdvisorBot.Features.Checklist;

/// <summary>
/// The figures that matter for each checklist step, and its choice input. Every key read here is one the profile
/// schema requires (<c>checklist-keys</c>, <c>required-item</c>), so a profile without one fails at load, not here.
/// </summary>
internal static class ChecklistStepFacts
{
    public static List<InputView> Add(AnswerBuilder answer, TurnContext turn, string stepKey, ChecklistStepRecord? record)
    {
        var p = turn.Profile;
        var inputs = new List<InputView>();
        switch (stepKey)
        {
            case "information-collected":
                answer.Fact("factCandidates", p.Supply.PotentialCandidates).Fact("factVacancies", p.Demand.Vacancies).Fact("factSalary", p.Demand.OfferedSalary);
                break;
            case "vacancy-texts":
                answer.Fact("factPullFactors", answer.Top(p.Attractiveness.PullFactors), p.Attractiveness.PullFactors.Source)
                    .Fact("factConditions", answer.Top(p.Attractiveness.EmploymentConditions), p.Attractiveness.EmploymentConditions.Source)
                    .List("listWantToKnow", p.Approach.WantToKnow, numbered: true);
                break;
            case "scarcity-feasibility":
                answer.Fact("factIndication", p.Scarcity.Indication).Fact("factFeasibility", p.Scarcity.Feasibility)
                    .Fact("factPressure", p.Scarcity.VacancyPressure);
                Activity(answer, turn);
                inputs.Add(new InputView("choice", answer.Line("choiceFocus"), record?.Choice ?? "",
                    [new ChoiceView("active", answer.Line("focus_active")), new ChoiceView("latent", answer.Line("focus_latent"))]));
                break;
            case "marketing-mix":
                answer.Fact("factChannels", answer.Top(p.Channels.SearchChannels), p.Channels.SearchChannels.Source)
                    .Fact("factJobSites", answer.Top(p.Channels.JobSites), p.Channels.JobSites.Source)
                    .Fact("factSocial", answer.Top(p.Channels.SocialMedia), p.Channels.SocialMedia.Source);
                inputs.Add(new InputView("choice", answer.Line("choiceChannels"), record?.Choice ?? "",
                    [.. p.Channels.SearchChannels.Items.Take(6).Select(i => new ChoiceView(i.Key ?? i.Label[turn.Language], i.Label[turn.Language]))], Multiple: true));
                break;
            case "referral-programme":
                answer.Fact("factNetwork", Percent(turn, p.Channels.SearchChannels.Items.FirstOrDefault(i => i.Key == "network")?.Value), p.Channels.SearchChannels.Source);
                break;
            case "campaign":
                Activity(answer, turn);
                answer.List("listCampaign", [p.Advice.ReachAndEngage[turn.Language], p.Advice.ApproachAndContent[turn.Language]]);
                break;
        }

        return inputs;
    }

    private static void Activity(AnswerBuilder answer, TurnContext turn)
    {
        var activity = turn.Profile.Supply.SearchActivity;
        answer.Fact("factActive", Percent(turn, activity["active"].Value), activity.Source)
            .Fact("factLatent", Percent(turn, activity["latent"].Value), activity.Source);
    }

    private static string Percent(TurnContext turn, decimal? value) => value is { } v ? turn.Texts.Percent(v) : "-";
}
