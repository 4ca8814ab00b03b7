using AdvisorBot.Cards;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Intents;

/// <summary>Salary: the offered average, or a check of the user's own offer against it when the message holds an amount.</summary>
public sealed class SalaryHandler : IntentHandler
{
    public override IntentName Intent => new("Salary");

    /// <summary>Within this share of the market average an offer counts as "in line".</summary>
    public const decimal InLineTolerance = 0.03m;

    /// <summary>The card of a salary check (the plain salary answer is a topic card).</summary>
    public static readonly CardKind CheckCard = new("SalaryCheck");

    /// <summary>
    /// An amount of the offer (per month or year, at the offer's hours) as a yearly salary on the report's hours basis,
    /// its difference from the market average as a fraction, and the verdict key: inLine, below or above.
    /// </summary>
    public static (decimal HoursBasis, decimal AtBasis, decimal Difference, string Verdict) Compare(decimal amount, SalaryOffer offer, Knowledge.Figure salary)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(salary);
        var hoursBasis = salary.HoursBasis ?? 40m;
        var yearly = offer.Period == SalaryPeriod.Month ? amount * 12 : amount;
        var atBasis = offer.HoursPerWeek is { } hours ? yearly * hoursBasis / hours : yearly;
        var difference = (atBasis - salary.Value) / salary.Value;
        var verdict = Math.Abs(difference) <= InLineTolerance ? "inLine" : difference < 0 ? "below" : "above";
        return (hoursBasis, atBasis, difference, verdict);
    }

    protected override AnswerView Handle(TurnContext turn)
    {
        var p = turn.Profile;
        var salary = p.Demand.OfferedSalary;
        var goodSalary = p.Attractiveness.PullFactors.Items.FirstOrDefault(i => i.Key == "good-salary");
        var answer = turn.Answer("Salary").With("salary", salary)
            .With("goodSalary", goodSalary?.Value is { } v ? turn.Texts.Percent(v) : "-");

        var offer = QuantityRecognizer.MightHoldQuantity(turn.Text) ? turn.Quantities.ReadSalary(turn.Text, turn.Language) : null;
        if (offer is null || offer.Period == SalaryPeriod.Hour)
        {
            answer.Lead().Fact("factSalary", salary);
            AddAskedPeriod(turn, answer, salary);
            return answer.Fact("factGoodSalary", goodSalary?.Value is { } g ? turn.Texts.Percent(g) : "-", p.Attractiveness.PullFactors.Source)
                .AdviceLine().Build();
        }

        return Check(turn, answer, offer);
    }

    /// <summary>
    /// "Wat is het maandsalaris?", "as an hourly wage?": the report gives a yearly amount; the asked period is that
    /// amount divided (by 12, or by 52 weeks of the report's hours), with the rule on the card.
    /// </summary>
    private static void AddAskedPeriod(TurnContext turn, AnswerBuilder answer, Knowledge.Figure salary)
    {
        var hoursBasis = salary.HoursBasis ?? 40m;
        var yearly = salary.Value;
        if (turn.Quantities.ReadHoursPerWeek(turn.Text) is { } hours && hours != hoursBasis && hours is > 0 and <= 60)
        {
            // "And at 36 hours?": the average pro rata, with the rule.
            yearly = salary.Value * hours / hoursBasis;
            answer.With("hours", turn.Texts.Number(hours)).With("hoursBasis", turn.Texts.Number(hoursBasis))
                .Fact("factAtHours", turn.Texts.Money(Math.Round(yearly, 0)), salary.Source).Note(answer.Line("atHoursRule"));
        }

        switch (QuantityRecognizer.AskedPeriod(turn.Text))
        {
            case SalaryPeriod.Month:
                answer.Fact("factPerMonth", turn.Texts.Money(Math.Round(yearly / 12, 0)), salary.Source).Note(answer.Line("perMonthRule"));
                break;
            case SalaryPeriod.Hour:
                answer.With("hoursBasis", turn.Texts.Number(hoursBasis))
                    .Fact("factPerHour", turn.Texts.Money(Math.Round(salary.Value / 52 / hoursBasis, 0)), salary.Source)
                    .Note(answer.Line("perHourRule"));
                break;
        }
    }

    /// <summary>The user's own offer against the market average, normalised to the report's hours.</summary>
    private static AnswerView Check(TurnContext turn, AnswerBuilder answer, SalaryOffer offer)
    {
        var salary = turn.Profile.Demand.OfferedSalary;
        // A range is checked at its middle, and the card says so.
        var (hoursBasis, atBasis, difference, verdict) = Compare(offer.Midpoint, offer, salary);
        answer.Kind(CheckCard).Title("checkTitle")
            .With("offer", turn.Texts.Money(Math.Round(offer.Midpoint, 0)))
            .With("range", offer.UpperAmount is { } upper ? $"{turn.Texts.Money(offer.Amount)}–{turn.Texts.Money(upper)}" : "")
            .With("period", answer.Line(offer.Period == SalaryPeriod.Month ? "perMonth" : "perYear"))
            .With("offerAtBasis", turn.Texts.Money(Math.Round(atBasis, 0)))
            .With("hoursBasis", turn.Texts.Number(hoursBasis))
            .With("difference", turn.Texts.Percent(Math.Round(Math.Abs(difference) * 100, 1)))
            .With("hours", offer.HoursPerWeek is { } h ? turn.Texts.Number(h) : "");
        answer.With("verdict", answer.Line("verdict_" + verdict));
        answer.Lead("checkLead")
            .Fact("factYourOffer", $"{(offer.UpperAmount is { } top ? $"{turn.Texts.Money(offer.Amount)}–{turn.Texts.Money(top)}" : turn.Texts.Money(offer.Amount))} {answer.Line(offer.Period == SalaryPeriod.Month ? "perMonth" : "perYear")}")
            .Fact("factAtBasis", turn.Texts.Money(Math.Round(atBasis, 0)))
            .Fact("factSalary", salary)
            .Fact("factDifference", (difference < 0 ? "−" : "+") + turn.Texts.Percent(Math.Round(Math.Abs(difference) * 100, 1)));
        AddNotes(answer, offer);
        return answer.AdviceLine("advice_" + verdict).Build();
    }

    /// <summary>What the check assumed: the period, times twelve, the hours.</summary>
    private static void AddNotes(AnswerBuilder answer, SalaryOffer offer)
    {
        if (offer.UpperAmount is not null)
        {
            answer.Note(answer.Line("rangeMiddle"));
        }

        if (offer.PeriodAssumed)
        {
            answer.Note(answer.Line(offer.Period == SalaryPeriod.Month ? "assumedMonth" : "assumedYear"));
        }

        if (offer.Period == SalaryPeriod.Month)
        {
            answer.Note(answer.Line("monthTimesTwelve"));
        }

        answer.Note(answer.Line(offer.HoursPerWeek is not null ? "hoursNormalized" : "hoursAssumed"));
    }
}

public sealed class VacanciesHandler : IntentHandler
{
    public override IntentName Intent => new("Vacancies");

    protected override AnswerView Handle(TurnContext turn)
    {
        var d = turn.Profile.Demand;
        return turn.Answer("Vacancies")
            .With("vacancies", d.Vacancies).With("trend", d.VacancyTrend).With("pressure", turn.Profile.Scarcity.VacancyPressure)
            .Lead()
            .Fact("factVacancies", d.Vacancies).Fact("factTrend", d.VacancyTrend).Fact("factIntermediaries", d.IntermediaryShare)
            .Fact("factPressure", turn.Profile.Scarcity.VacancyPressure)
            .AdviceLine().Build();
    }
}

public sealed class IntermediariesHandler : IntentHandler
{
    public override IntentName Intent => new("Intermediaries");

    protected override AnswerView Handle(TurnContext turn)
    {
        var d = turn.Profile.Demand;
        return turn.Answer("Intermediaries").With("share", d.IntermediaryShare)
            .Lead().Fact("factShare", d.IntermediaryShare)
            .List("listIntermediaries", d.TopIntermediaries)
            .Advice(d.Advice).Build();
    }
}

public sealed class CompetitorsHandler : IntentHandler
{
    public override IntentName Intent => new("Competitors");

    protected override AnswerView Handle(TurnContext turn)
    {
        var d = turn.Profile.Demand;
        return turn.Answer("Competitors").With("share", d.IntermediaryShare)
            .Lead()
            .List("listEmployers", d.TopEmployers)
            .List("listIntermediaries", d.TopIntermediaries)
            .Advice(d.Advice).Build();
    }
}

public sealed class GovernmentDemandHandler : IntentHandler
{
    public override IntentName Intent => new("GovernmentDemand");

    protected override AnswerView Handle(TurnContext turn)
    {
        var p = turn.Profile;
        return turn.Answer("GovernmentDemand").With("working", p.Supply.WorkingForGovernment)
            .Lead()
            .List("listDemanders", p.Demand.GovernmentDemanders)
            .Fact("factWorking", p.Supply.WorkingForGovernment)
            .AdviceLine().Build();
    }
}
