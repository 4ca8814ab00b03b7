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
    public const string Intent = "VacancyCheck";
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
        var salary = p.Demand.OfferedSalary;
        var desired = p.Ambitions.DesiredHoursPerWeek;

        var answer = turn.Answer(Intent)
            .With("covered", texts.Number(covered.Count))
            .With("total", texts.Number(wantToKnow.Count))
            .With("score", texts.Percent(score))
            .With("salary", salary)
            .With("desired", desired);

        var salaryFact = answer.Line("salaryNone");
        var salaryLead = answer.Line("salaryLeadNone");
        if (findings.Salary is { } offer)
        {
            var (hoursBasis, atBasis, difference, verdict) = Intents.SalaryHandler.Compare(offer.Midpoint, offer, salary);
            answer.With("offer", offer.UpperAmount is { } upper ? $"{texts.Money(offer.Amount)}–{texts.Money(upper)}" : texts.Money(offer.Amount))
                .With("period", answer.Line(offer.Period == SalaryPeriod.Month ? "perMonth" : "perYear"))
                .With("offerAtBasis", texts.Money(Math.Round(atBasis, 0)))
                .With("hoursBasis", texts.Number(hoursBasis))
                .With("difference", texts.Percent(Math.Round(Math.Abs(difference) * 100, 1)));
            answer.With("verdict", answer.Line("verdict_" + verdict));
            salaryFact = answer.Line("salaryValue");
            salaryLead = answer.Line("salaryLead");
        }

        answer.With("salaryLead", salaryLead);
        var hoursFact = findings.HoursPerWeek is { } hours
            ? answer.With("hours", texts.Number(hours)).Line("hoursValue")
            : answer.Line("hoursNone");

        string Mark(ListItem item, IReadOnlySet<string> mentioned) =>
            $"{item.Label[turn.Language]}{(item.Value is { } v ? $" ({texts.Percent(v)})" : "")}: {answer.Line(item.Key is { } k && mentioned.Contains(k) ? "mentioned" : "notMentioned")}";

        var topPull = p.Attractiveness.PullFactors.Items.Take(TopCount).ToList();
        var topConditions = p.Attractiveness.EmploymentConditions.Items.Take(TopCount).ToList();
        var suggestions = missing.Select(i => answer.Line("suggest_" + i.Key))
            .Concat(topPull.Where(i => i.Key is { } k && !findings.PullFactorsMentioned.Contains(k)).Take(2)
                .Select(i => answer.With("factor", i.Label[turn.Language].ToLowerInvariant()).With("share", i.Value is { } v ? texts.Percent(v) : "-").Line("suggestPullFactor")))
            .ToList();

        answer.Lead()
            .Fact("factCoverage", answer.Line("coverageValue"))
            .Fact("factSalary", salaryFact)
            .Fact("factHours", hoursFact)
            .List("listPullFactors", topPull.Select(i => Mark(i, findings.PullFactorsMentioned)))
            .List("listConditions", topConditions.Select(i => Mark(i, findings.ConditionsMentioned)));
        if (covered.Count > 0)
        {
            answer.List("listCovered", covered.Select(i => i.Label[turn.Language]));
        }

        if (missing.Count > 0)
        {
            answer.List("listMissing", missing.Select(i => i.Label[turn.Language]));
        }

        if (suggestions.Count > 0)
        {
            answer.List("listSuggestions", suggestions);
        }

        return answer.Advice(p.Approach.Advice).FromReport().Build();
    }

    /// <summary>Asked for the check without a text: how to use it.</summary>
    public static AnswerView AskForText(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Answer(Intent).Lead("askPaste").Build();
    }
}
