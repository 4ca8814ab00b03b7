using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

public sealed class WebsitesHandler : IntentHandler
{
    public override IntentName Intent => new("Websites");

    protected override AnswerView Handle(TurnContext turn)
    {
        var i = turn.Profile.Interests;
        return turn.Answer("Websites").Lead()
            .List("listWebsites", i.Websites).List("listTradeMedia", i.TradeMedia)
            .Advice(i.MediaAdvice).Build();
    }
}

public sealed class AppsHandler : IntentHandler
{
    public override IntentName Intent => new("Apps");

    protected override AnswerView Handle(TurnContext turn)
    {
        var i = turn.Profile.Interests;
        return turn.Answer("Apps").Lead()
            .List("listFavourite", i.FavouriteApps).List("listTypical", i.TypicalApps)
            .Advice(i.AppsAdvice).Build();
    }
}

public sealed class HobbiesHandler : IntentHandler
{
    public override IntentName Intent => new("Hobbies");

    protected override AnswerView Handle(TurnContext turn)
    {
        var i = turn.Profile.Interests;
        return turn.Answer("Hobbies").Lead()
            .List("listFavourite", i.FavouriteHobbies, numbered: false).List("listDistinctive", i.DistinctiveHobbies, numbered: false)
            .Advice(i.HobbiesAdvice).Build();
    }
}
