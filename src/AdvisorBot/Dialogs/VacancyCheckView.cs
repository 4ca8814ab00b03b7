using AdvisorBot.Cards;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs;

/// <summary>
/// The vacancy-text check as an answer: how many of the nine things candidates want to know the text answers, which
/// top pull factors and employment conditions it names, its salary (normalised to the report's basis) against the
/// market and its hours against what the group wants, and what to add — in the report's order of importance.
/// </summary>
public static class VacancyCheckView
{
    public static readonly IntentName Intent = IntentName.VacancyCheck;
    private const int TopCount = 5;

    public static AnswerView Build(TurnContext turn, VacancyTextFindings findings)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(findings);
        var p = turn.Profile;
        var texts = turn.Texts;
        var wantToKnow = p.Approach.WantToKnow.Items.OrderBy(i => i.Rank ?? int.MaxValue).ToList();
        var covered = wantToKnow.Where(i => i.Key is { } k && findings.WantToKnowCovered.Contains(k)).ToList();
        var missing = wantToKnow.Except(covered).ToList();
        var score = wantToKnow.Count == 0 ? 0 : Math.Round(100m * covered.Count / wantToKnow.Count, 0);
        var answer = turn.Answer(Intent)
            .With("covered", texts.Number(covered.Count))
            .With("total", texts.Number(wantToKnow.Count))
            .With("score", texts.Percent(score))
            .With("salary", p.Demand.OfferedSalary)
            .With("desired", p.Ambitions.DesiredHoursPerWeek);
        var salaryFact = Salary(answer, turn, findings);
        var hoursFact = findings.HoursPerWeek is { } hours
            ? answer.With("hours", texts.Number(hours)).Line("hoursValue")
            : answer.Line("hoursNone");
        var topPull = p.Attractiveness.PullFactors.Items.Take(TopCount).ToList();
        answer.Lead()
            .Fact("factCoverage", answer.Line("coverageValue"))
            .Fact("factSalary", salaryFact)
            .Fact("factHours", hoursFact)
            .List("listPullFactors", topPull.Select(i => Mark(answer, turn, i, findings.PullFactorsMentioned)))
            .List("listConditions", p.Attractiveness.EmploymentConditions.Items.Take(TopCount).Select(i => Mark(answer, turn, i, findings.ConditionsMentioned)));
        AddIfAny(answer, "listCovered", covered.Select(i => i.Label[turn.Language]));
        AddIfAny(answer, "listMissing", missing.Select(i => i.Label[turn.Language]));
        AddIfAny(answer, "listSuggestions", Suggestions(answer, turn, findings, missing, topPull));
        return answer.Advice(p.Approach.Advice).FromReport().Build();
    }

    /// <summary>The salary fact (and the lead's salary sentence): the text's offer on the report's basis against the market.</summary>
    private static string Salary(AnswerBuilder answer, TurnContext turn, VacancyTextFindings findings)
    {
        var texts = turn.Texts;
        if (findings.Salary is not { } offer)
        {
            answer.With("salaryLead", answer.Line("salaryLeadNone"));
            return answer.Line("salaryNone");
        }

        var (hoursBasis, atBasis, difference, verdict) = Intents.SalaryHandler.Compare(offer.Midpoint, offer, turn.Profile.Demand.OfferedSalary);
        answer.With("offer", offer.UpperAmount is { } upper ? $"{texts.Money(offer.Amount)}–{texts.Money(upper)}" : texts.Money(offer.Amount))
            .With("period", answer.Line(offer.Period == SalaryPeriod.Month ? "perMonth" : "perYear"))
            .With("offerAtBasis", texts.Money(Math.Round(atBasis, 0)))
            .With("hoursBasis", texts.Number(hoursBasis))
            .With("difference", texts.Percent(Math.Round(Math.Abs(difference) * 100, 1)));
        answer.With("verdict", answer.Line("verdict_" + verdict));
        answer.With("salaryLead", answer.Line("salaryLead"));
        return answer.Line("salaryValue");
    }

    private static string Mark(AnswerBuilder answer, TurnContext turn, ListItem item, IReadOnlySet<string> mentioned) =>
        $"{item.Label[turn.Language]}{(item.Value is { } v ? $" ({turn.Texts.Percent(v)})" : "")}: {answer.Line(item.Key is { } k && mentioned.Contains(k) ? "mentioned" : "notMentioned")}";

    /// <summary>What to add: every missing thing candidates want to know, then up to two top pull factors the text does not name.</summary>
    private static List<string> Suggestions(AnswerBuilder answer, TurnContext turn, VacancyTextFindings findings, List<ListItem> missing, List<ListItem> topPull) =>
        [.. missing.Select(i => answer.Line("suggest_" + i.Key))
            .Concat(topPull.Where(i => i.Key is { } k && !findings.PullFactorsMentioned.Contains(k)).Take(2)
                .Select(i => answer.With("factor", i.Label[turn.Language].ToLowerInvariant()).With("share", i.Value is { } v ? turn.Texts.Percent(v) : "-").Line("suggestPullFactor")))];

    private static void AddIfAny(AnswerBuilder answer, string titleKey, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            answer.List(titleKey, list);
        }
    }

    /// <summary>Asked for the check without a text: how to use it.</summary>
    public static AnswerView AskForText(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Answer(Intent).Lead("askPaste").Build();
    }
}
