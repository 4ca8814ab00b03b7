using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

public sealed class DemographicsHandler : IntentHandler
{
    public override IntentName Intent => new("Demographics");

    protected override AnswerView Handle(TurnContext turn)
    {
        var b = turn.Profile.Background;
        return turn.Answer("Demographics")
            .With("age", b.AverageAge)
            .With("male", turn.Texts.Percent(b.Gender["male"].Value))
            .With("female", turn.Texts.Percent(b.Gender["female"].Value))
            .With("senior", turn.Texts.Percent(b.Seniority["senior"].Value))
            .Lead()
            .Fact("factAge", b.AverageAge)
            .Chart("gender", "chartGender", b.Gender)
            .Chart("age-bands", "chartAge", b.AgeBands, ChartKind.VerticalBar)
            .Chart("seniority", "chartSeniority", b.Seniority)
            .AdviceLine().Build();
    }
}

public sealed class EducationAndBranchHandler : IntentHandler
{
    public override IntentName Intent => new("EducationAndBranch");

    protected override AnswerView Handle(TurnContext turn)
    {
        var b = turn.Profile.Background;
        var answer = turn.Answer("EducationAndBranch")
            .With("ictStudy", turn.Texts.Percent(b.FieldOfStudy.Items[0].Value ?? 0))
            .With("ictBranch", turn.Texts.Percent(b.CurrentBranches.Items[0].Value ?? 0))
            .Lead()
            .Chart("field-of-study", "chartStudy", b.FieldOfStudy)
            .Chart("current-branches", "chartBranches", b.CurrentBranches)
            .AdviceLine();
        var doubt = turn.Profile.Doubts.FirstOrDefault(d => d.Path == "$.background");
        if (doubt is not null)
        {
            answer.Note(doubt.Text[turn.Language]);
        }

        return answer.Build();
    }
}

public sealed class AmbitionsHandler : IntentHandler
{
    public override IntentName Intent => new("Ambitions");

    protected override AnswerView Handle(TurnContext turn)
    {
        var a = turn.Profile.Ambitions;
        return turn.Answer("Ambitions")
            .With("relocate", a.WillingToRelocate).With("noBranch", a.NoOtherBranch).With("noFunction", a.NoOtherFunction)
            .Lead()
            .Chart("other-branches", "chartBranches", a.OtherBranches)
            .Chart("other-functions", "chartFunctions", a.OtherFunctions)
            .Fact("factNoBranch", a.NoOtherBranch)
            .Fact("factNoFunction", a.NoOtherFunction)
            .Fact("factRelocate", a.WillingToRelocate)
            .Advice(a.Advice).Build();
    }
}

public sealed class WorkingHoursHandler : IntentHandler
{
    public override IntentName Intent => new("WorkingHours");

    protected override AnswerView Handle(TurnContext turn)
    {
        var a = turn.Profile.Ambitions;
        var answer = turn.Answer("WorkingHours").With("hours", a.DesiredHoursPerWeek);
        var asked = Understanding.QuantityRecognizer.MightHoldQuantity(turn.Text) ? turn.Quantities.ReadHoursPerWeek(turn.Text) : null;
        if (asked is not { } hours)
        {
            return answer.Lead().Fact("factHours", a.DesiredHoursPerWeek).Advice(a.HoursTravelAdvice).Build();
        }

        // "24 uur per week, lukt dat?": the hours asked against the hours they want.
        var difference = hours - a.DesiredHoursPerWeek.Value;
        var verdict = difference < 0 ? "fewer" : difference > 0 ? "more" : "same";
        answer.Title("checkTitle").With("asked", turn.Texts.Number(hours)).With("difference", turn.Texts.Number(Math.Abs(difference)));
        return answer.Lead("checkLead_" + verdict)
            .Fact("factAsked", answer.Line("askedValue"))
            .Fact("factHours", a.DesiredHoursPerWeek)
            .AdviceLine("advice_" + verdict).Build();
    }
}

/// <summary>Travel willingness, or a check of a commute the user names ("een uur reizen", "50 minutes").</summary>
public sealed class TravelTimeHandler : IntentHandler
{
    /// <summary>The card of a commute check (the plain travel-time answer is a topic card).</summary>
    public static readonly CardKind CheckCard = new("CommuteCheck");

    public override IntentName Intent => new("TravelTime");

    protected override AnswerView Handle(TurnContext turn)
    {
        var a = turn.Profile.Ambitions;
        var answer = turn.Answer("TravelTime").With("travel", a.TravelWillingnessMinutes).With("relocate", a.WillingToRelocate);
        var minutes = Understanding.QuantityRecognizer.MightHoldQuantity(turn.Text)
            ? turn.Quantities.ReadDurationMinutes(turn.Text, turn.Language)
            : null;
        if (minutes is null or <= 0)
        {
            return answer.Lead().Fact("factTravel", a.TravelWillingnessMinutes).Fact("factRelocate", a.WillingToRelocate)
                .Advice(a.HoursTravelAdvice).Build();
        }

        var difference = minutes.Value - a.TravelWillingnessMinutes.Value;
        var verdict = difference > 0 ? "longer" : "within";
        answer.Kind(CheckCard).Title("checkTitle")
            .With("minutes", turn.Texts.Number(minutes.Value))
            .With("difference", turn.Texts.Number(Math.Abs(difference)));
        return answer.Lead("checkLead_" + verdict)
            .Fact("factCommute", answer.Line("minutesValue"))
            .Fact("factTravel", a.TravelWillingnessMinutes)
            .Fact("factRelocate", a.WillingToRelocate)
            .AdviceLine("advice_" + verdict).Build();
    }
}
