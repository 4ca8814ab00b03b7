using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

public sealed class StrategyHandler : IntentHandler
{
    public override IntentName Intent => new("Strategy");

    protected override AnswerView Handle(TurnContext turn)
    {
        var p = turn.Profile;
        return turn.Answer("Strategy")
            .With("active", turn.Texts.Percent(p.Supply.SearchActivity["active"].Value))
            .With("latent", turn.Texts.Percent(p.Supply.SearchActivity["latent"].Value))
            .With("pressure", p.Scarcity.VacancyPressure)
            .Lead()
            .Fact("factActive", turn.Texts.Percent(p.Supply.SearchActivity["active"].Value), p.Supply.SearchActivity.Source)
            .Fact("factLatent", turn.Texts.Percent(p.Supply.SearchActivity["latent"].Value), p.Supply.SearchActivity.Source)
            .Fact("factPressure", p.Scarcity.VacancyPressure)
            .List("listAdvice", [p.Advice.Strategy[turn.Language], p.Advice.ReachAndEngage[turn.Language], p.Advice.ApproachAndContent[turn.Language]])
            .Advice(p.Advice.ManagingExpectations).Build();
    }
}

public sealed class ChecklistHandler : IntentHandler
{
    public override IntentName Intent => new("Checklist");

    protected override AnswerView Handle(TurnContext turn) =>
        turn.Answer("Checklist").Lead()
            .List("listSteps", turn.Profile.Checklist.Items.Select(i => i.Label[turn.Language]))
            .AdviceLine().FromReport().Build();
}

public sealed class SourcesHandler : IntentHandler
{
    public override IntentName Intent => new("Sources");

    protected override AnswerView Handle(TurnContext turn)
    {
        var p = turn.Profile;
        var answer = turn.Answer("Sources")
            .With("client", p.Selection.Client[turn.Language]).With("publisher", p.Selection.Publisher)
            .Lead()
            .List("listSources", p.Sources.Select(s => $"{s.Name[turn.Language]}: {s.Measures[turn.Language]}"))
            .List("listDoubts", p.Doubts.Select(d => d.Text[turn.Language]))
            .FromReport();
        return answer.Build();
    }
}

/// <summary>The report's one-page factsheet: size, vacancies, salary, pressure, activity, top pull factors and channels.</summary>
public sealed class FactsheetHandler : IntentHandler
{
    public override IntentName Intent => new("Factsheet");

    protected override AnswerView Handle(TurnContext turn) => Build(turn);

    internal static AnswerView Build(TurnContext turn)
    {
        var p = turn.Profile;
        string Top(Knowledge.ItemList list) => string.Join(", ", list.Items.Take(3).Select(i => i.Label[turn.Language]));
        return turn.Answer("Factsheet")
            .With("indication", p.Scarcity.Indication.Label[turn.Language].ToLowerInvariant())
            .Lead()
            .Fact("factCandidates", p.Supply.PotentialCandidates)
            .Fact("factVacancies", p.Demand.Vacancies)
            .Fact("factSalary", p.Demand.OfferedSalary)
            .Fact("factIndication", p.Scarcity.Indication)
            .Fact("factPressure", p.Scarcity.VacancyPressure)
            .Fact("factSourcing", p.Scarcity.SourcingPressure)
            .Fact("factActivity", $"{turn.Texts.Percent(p.Supply.SearchActivity["active"].Value)} / {turn.Texts.Percent(p.Supply.SearchActivity["latent"].Value)}", p.Supply.SearchActivity.Source)
            .Fact("factAge", p.Background.AverageAge)
            .Fact("factPullFactors", Top(p.Attractiveness.PullFactors), p.Attractiveness.PullFactors.Source)
            .Fact("factChannels", Top(p.Channels.SearchChannels), p.Channels.SearchChannels.Source)
            .Advice(p.Scarcity.Advice).Build();
    }
}

/// <summary>
/// "En voor junioren?": the engine repeats the last topic for the newly named target group. With no last topic
/// the answer is the factsheet of that group.
/// </summary>
public sealed class TargetGroupFollowUpHandler : IntentHandler
{
    public override IntentName Intent => new("TargetGroupFollowUp");

    protected override AnswerView Handle(TurnContext turn) => FactsheetHandler.Build(turn);
}
