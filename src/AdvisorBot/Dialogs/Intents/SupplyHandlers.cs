using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

public sealed class TalentPoolHandler : IntentHandler
{
    public override IntentName Intent => new("TalentPool");

    protected override AnswerView Handle(TurnContext turn)
    {
        var s = turn.Profile.Supply;
        return turn.Answer("TalentPool")
            .With("candidates", s.PotentialCandidates)
            .With("active", turn.Texts.Percent(s.SearchActivity["active"].Value))
            .With("latent", turn.Texts.Percent(s.SearchActivity["latent"].Value))
            .Lead()
            .Fact("factCandidates", s.PotentialCandidates)
            .Fact("factGovernment", s.WorkingForGovernment)
            .Chart("search-activity", "chartActivity", s.SearchActivity)
            .Advice(s.Advice).Build();
    }
}

public sealed class GovernmentWorkforceHandler : IntentHandler
{
    public override IntentName Intent => new("GovernmentWorkforce");

    protected override AnswerView Handle(TurnContext turn)
    {
        var p = turn.Profile;
        return turn.Answer("GovernmentWorkforce")
            .With("working", p.Supply.WorkingForGovernment)
            .With("shareNow", p.Background.GovernmentShareNow)
            .With("shareWished", p.Background.GovernmentShareWished)
            .Lead()
            .Fact("factWorking", p.Supply.WorkingForGovernment)
            .Fact("factShareNow", p.Background.GovernmentShareNow)
            .Fact("factShareWished", p.Background.GovernmentShareWished)
            .AdviceLine().Build();
    }
}

public sealed class ContractsAndMobilityHandler : IntentHandler
{
    public override IntentName Intent => new("ContractsAndMobility");

    protected override AnswerView Handle(TurnContext turn)
    {
        var s = turn.Profile.Supply;
        return turn.Answer("ContractsAndMobility")
            .With("permanent", s.PermanentContract).With("changed", s.ChangedEmployerLastYear)
            .With("activityLevel", s.ActivityLevel.Label[turn.Language])
            .Lead()
            .Fact("factPermanent", s.PermanentContract)
            .Fact("factChanged", s.ChangedEmployerLastYear)
            .Fact("factActivityLevel", s.ActivityLevel)
            .Advice(s.Advice).Build();
    }
}

public sealed class SearchActivityHandler : IntentHandler
{
    public override IntentName Intent => new("SearchActivity");

    protected override AnswerView Handle(TurnContext turn)
    {
        var s = turn.Profile.Supply;
        return turn.Answer("SearchActivity")
            .With("active", turn.Texts.Percent(s.SearchActivity["active"].Value))
            .With("latent", turn.Texts.Percent(s.SearchActivity["latent"].Value))
            .With("notLooking", turn.Texts.Percent(s.SearchActivity["not-looking"].Value))
            .Lead()
            .Chart("search-activity", "chartActivity", s.SearchActivity)
            .Fact("factActivityLevel", s.ActivityLevel)
            .Advice(turn.Profile.Advice.ReachAndEngage).Build();
    }
}

public sealed class ScarcityHandler : IntentHandler
{
    public override IntentName Intent => new("Scarcity");

    protected override AnswerView Handle(TurnContext turn)
    {
        var c = turn.Profile.Scarcity;
        return turn.Answer("Scarcity")
            .With("indication", c.Indication.Label[turn.Language]).With("outlook", c.Outlook12Months.Label[turn.Language])
            .With("pressure", c.VacancyPressure)
            .Lead()
            .Fact("factIndication", c.Indication)
            .Fact("factOutlook", c.Outlook12Months)
            .Fact("factPressure", c.VacancyPressure)
            .Fact("factSourcing", c.SourcingPressure)
            .Advice(c.Advice).Build();
    }
}

public sealed class FeasibilityHandler : IntentHandler
{
    public override IntentName Intent => new("Feasibility");

    protected override AnswerView Handle(TurnContext turn)
    {
        var p = turn.Profile;
        return turn.Answer("Feasibility")
            .With("feasibility", p.Scarcity.Feasibility.Label[turn.Language]).With("pressure", p.Scarcity.VacancyPressure)
            .With("active", turn.Texts.Percent(p.Supply.SearchActivity["active"].Value))
            .With("sourcing", p.Scarcity.SourcingPressure)
            .Lead()
            .Fact("factFeasibility", p.Scarcity.Feasibility)
            .Fact("factPressure", p.Scarcity.VacancyPressure)
            .Fact("factActive", turn.Texts.Percent(p.Supply.SearchActivity["active"].Value), p.Supply.SearchActivity.Source)
            .Fact("factSourcing", p.Scarcity.SourcingPressure)
            .Advice(p.Advice.ManagingExpectations).Build();
    }
}
