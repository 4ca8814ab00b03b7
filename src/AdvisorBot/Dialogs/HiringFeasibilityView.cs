using System.Globalization;
using AdvisorBot.Cards;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs;

/// <summary>
/// "Ik moet 3 senior developers voor 1 maart hebben": expectation management with the report's figures —
/// feasibility, vacancy pressure, how few look actively, how often they are approached — and what to do now. The
/// report gives no time-to-hire, so the card says what the figures mean for the deadline without inventing one.
/// </summary>
public static class HiringFeasibilityView
{
    public static readonly IntentName Intent = IntentName.HiringFeasibility;

    public static AnswerView Build(TurnContext turn, HiringRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(request);
        var p = turn.Profile;
        var texts = turn.Texts;
        var days = Math.Max(1, request.Deadline.DayNumber - today.DayNumber);
        var active = p.Supply.SearchActivity["active"].Value;
        var latent = p.Supply.SearchActivity["latent"].Value;
        var network = p.Channels.SearchChannels.Items.FirstOrDefault(i => i.Key == "network");
        var answer = turn.Answer(Intent)
            .With("count", texts.Number(request.Count))
            .With("function", p.DisplayName(turn.Language))
            .With("functionCount", p.FunctionName(turn.Language, request.Count))
            .With("deadline", request.Deadline.ToString(turn.Language == "nl" ? "d MMMM yyyy" : "d MMMM yyyy", texts.Culture))
            .With("weeks", texts.Number(Math.Max(1, Math.Round(days / 7m, 0))))
            .With("perHire", texts.Number(Math.Round(days / 7m / request.Count, 1))) // from the days: 120 days for 4 hires is 4.3 weeks a hire
            .With("feasibility", p.Scarcity.Feasibility.Label[turn.Language].ToLowerInvariant())
            .With("pressure", p.Scarcity.VacancyPressure)
            .With("active", texts.Percent(active))
            .With("latent", texts.Percent(latent))
            .With("sourcing", texts.Percent(p.Scarcity.SourcingPressure.Value))
            .With("network", network?.Value is { } n ? texts.Percent(n) : "-");
        answer.With("meaning", answer.Line(p.Scarcity.Feasibility.Value is "very-difficult" or "difficult" ? "meaningHard" : "meaningOther"));
        answer.Lead()
            .Fact("factRequest", answer.Line("requestValue"))
            .Fact("factFeasibility", p.Scarcity.Feasibility)
            .Fact("factPressure", p.Scarcity.VacancyPressure)
            .Fact("factActive", texts.Percent(active), p.Supply.SearchActivity.Source)
            .Fact("factLatent", texts.Percent(latent), p.Supply.SearchActivity.Source)
            .Fact("factSourcing", p.Scarcity.SourcingPressure)
            .List("listNow", [answer.Line("nowLatent"), answer.Line("nowSource"), answer.Line("nowNetwork"), answer.Line("nowExpectations")]);
        if (request.Count > 1)
        {
            answer.Note(answer.Line("perHireNote"));
        }

        return answer.Advice(p.Advice.ManagingExpectations).Build();
    }
}
