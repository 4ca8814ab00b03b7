using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs.Intents;

public sealed class ChannelsHandler : IntentHandler
{
    public override IntentName Intent => new("Channels");

    protected override AnswerView Handle(TurnContext turn)
    {
        var c = turn.Profile.Channels;
        var answer = turn.Answer("Channels");
        return answer.With("top3", answer.Top(c.SearchChannels))
            .Lead().Chart("search-channels", "chartChannels", c.SearchChannels)
            .Advice(c.Advice).Build();
    }
}

public sealed class JobSitesHandler : IntentHandler
{
    public override IntentName Intent => new("JobSites");

    protected override AnswerView Handle(TurnContext turn)
    {
        var c = turn.Profile.Channels;
        var share = c.SearchChannels.Items.First(i => i.Key == "job-sites").Value ?? 0;
        var answer = turn.Answer("JobSites").With("share", turn.Texts.Percent(share))
            .Lead()
            .List("listJobSites", c.JobSites).List("listNiche", c.NicheJobSites)
            .Advice(c.Advice);
        var doubt = turn.Profile.Doubts.FirstOrDefault(d => d.Path == "$.channels.jobSites");
        if (doubt is not null)
        {
            answer.Note(doubt.Text[turn.Language]);
        }

        return answer.Build();
    }
}

public sealed class SocialMediaHandler : IntentHandler
{
    public override IntentName Intent => new("SocialMedia");

    protected override AnswerView Handle(TurnContext turn)
    {
        var c = turn.Profile.Channels;
        var social = c.SearchChannels.Items.First(i => i.Key == "social-media").Value ?? 0;
        var findable = c.SearchChannels.Items.First(i => i.Key == "findable-online").Value ?? 0;
        return turn.Answer("SocialMedia")
            .With("share", turn.Texts.Percent(social)).With("findable", turn.Texts.Percent(findable))
            .Lead()
            .List("listSocial", c.SocialMedia)
            .Fact("factSocial", turn.Texts.Percent(social), c.SearchChannels.Source)
            .Fact("factFindable", turn.Texts.Percent(findable), c.SearchChannels.Source)
            .Advice(turn.Profile.Advice.ReachAndEngage).Build();
    }
}

public sealed class ReferralHandler : IntentHandler
{
    public override IntentName Intent => new("Referral");

    protected override AnswerView Handle(TurnContext turn)
    {
        var c = turn.Profile.Channels;
        var network = c.SearchChannels.Items.First(i => i.Key == "network");
        return turn.Answer("Referral")
            .With("network", turn.Texts.Percent(network.Value ?? 0))
            .With("rank", network.Rank?.ToString(turn.Texts.Culture) ?? "-")
            .Lead()
            .Fact("factNetwork", turn.Texts.Percent(network.Value ?? 0), c.SearchChannels.Source)
            .AdviceLine().Build();
    }
}
