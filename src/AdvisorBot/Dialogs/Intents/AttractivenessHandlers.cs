using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

public sealed class PullFactorsHandler : IntentHandler
{
    public override IntentName Intent => new("PullFactors");

    protected override AnswerView Handle(TurnContext turn)
    {
        var a = turn.Profile.Attractiveness;
        var answer = turn.Answer("PullFactors");
        return answer.With("top3", answer.Top(a.PullFactors))
            .Lead().Chart("pull-factors", "chartPullFactors", a.PullFactors)
            .Advice(a.Advice).Build();
    }
}

public sealed class EmploymentConditionsHandler : IntentHandler
{
    public override IntentName Intent => new("EmploymentConditions");

    protected override AnswerView Handle(TurnContext turn)
    {
        var a = turn.Profile.Attractiveness;
        var answer = turn.Answer("EmploymentConditions");
        return answer.With("top3", answer.Top(a.EmploymentConditions))
            .Lead().Chart("employment-conditions", "chartConditions", a.EmploymentConditions)
            .Advice(a.Advice).Build();
    }
}

/// <summary>The recruitment-factor quadrant: its definitions and factors. The placement is unknown and the answer says so.</summary>
public sealed class RecruitmentQuadrantHandler : IntentHandler
{
    public override IntentName Intent => new("RecruitmentQuadrant");

    protected override AnswerView Handle(TurnContext turn)
    {
        var q = turn.Profile.Attractiveness.Quadrant;
        var answer = turn.Answer("RecruitmentQuadrant").Lead()
            .List("listDefinitions", q.Definitions.Select(d => $"{d.Label[turn.Language]}: {d.Definition[turn.Language]}"))
            .List("listFactors", q.Factors.Select(f => f.Quadrant is null
                ? f.Label[turn.Language]
                : $"{f.Label[turn.Language]} ({q.Definitions.First(d => d.Key == f.Quadrant).Label[turn.Language]})"))
            .Source(q.Source)
            .Advice(turn.Profile.Attractiveness.Advice);
        if (!q.PlacementKnown)
        {
            answer.Note(q.PlacementNote[turn.Language]);
        }

        return answer.Build();
    }
}

public sealed class ApproachHandler : IntentHandler
{
    public override IntentName Intent => new("Approach");

    protected override AnswerView Handle(TurnContext turn)
    {
        var a = turn.Profile.Approach;
        return turn.Answer("Approach").With("sourcing", a.SourcingPressure)
            .Lead().Fact("factSourcing", a.SourcingPressure)
            .List("listWantToKnow", a.WantToKnow)
            .Advice(a.Advice).Build();
    }
}
