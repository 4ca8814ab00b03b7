namespace AdvisorBot.Dialogs.Intents;

public sealed class WebsitesHandler : IntentHandler
{
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
    protected override AnswerView Handle(TurnContext turn)
    {
        var i = turn.Profile.Interests;
        return turn.Answer("Hobbies").Lead()
            .List("listFavourite", i.FavouriteHobbies, numbered: false).List("listDistinctive", i.DistinctiveHobbies, numbered: false)
            .Advice(i.HobbiesAdvice).Build();
    }
}
