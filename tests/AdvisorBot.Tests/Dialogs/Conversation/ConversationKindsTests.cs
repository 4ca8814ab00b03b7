using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Dialogs.Conversation;

/// <summary>
/// The kinds of turn the seventh outside set (200 messages by someone who never saw the training phrases) got
/// wrong, mostly inside a conversation: the reply language, follow-ups that change one number, "what does that
/// mean?", derived counts, and questions the report cannot answer.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConversationKindsTests(AdvisorBotApp app)
{
    private Task<JsonObject> AskAsync(string text, string locale, string conversation) => app.AskAsync(text, conversation, locale);

    /// <summary>The card's language, told by its language switch: a Dutch card offers "English" and back.</summary>
    private static string LanguageOf(JsonObject card)
    {
        var titles = CardText.Actions(card).Select(a => a["title"]?.GetValue<string>()).ToList();
        return titles.Contains("English") ? "nl" : titles.Contains("Nederlands") ? "en" : "?";
    }

    private static string NewConversation() => "kinds-" + Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("vast contract percentage?", "nl-NL")]
    [InlineData("wat is de response rate op inmails", "nl-NL")]
    [InlineData("hoeveel % heeft een vast contract, is dat hoog voor IT?", "nl-NL")]
    [InlineData("what does 'wervingshaalbaarheid' mean", "en-US")]
    public async Task Ask_JargonOfTheOtherLanguage_AnswersInTheQuestionsLanguage(string question, string locale)
    {
        var card = await AskAsync(question, locale, NewConversation());
        Assert.Equal(locale[..2], LanguageOf(card));
    }

    [Theory]
    [InlineData("hoeveel uur willen ze werken", "dus fulltime of parttime vacature?")]
    [InlineData("hoe schaars zijn ze", "cost per hire?")]
    public async Task FollowUp_WithEnglishJargonInADutchConversation_StaysDutch(string first, string then)
    {
        var conversation = NewConversation();
        await AskAsync(first, "nl-NL", conversation);
        var card = await AskAsync(then, "nl-NL", conversation);
        Assert.Equal("nl", LanguageOf(card));
    }

    [Theory]
    [InlineData("hoe schaars zijn ze", "wat betekent dat voor onze vacature?", "nl-NL", "Wat dit voor u betekent: Schaarste")]
    [InlineData("hoe schaars zijn ze", "wat betekent dat?", "nl-NL", "Wat dit voor u betekent: Schaarste")]
    [InlineData("age distribution?", "why does that matter for us", "en-US", "What this means for you: Who are they?")]
    public async Task FollowUp_WhatDoesThatMean_GivesTheLastAnswersMeaningAndAdviceWithoutItsCharts(string first, string then, string locale, string title)
    {
        var conversation = NewConversation();
        await AskAsync(first, locale, conversation);
        var card = await AskAsync(then, locale, conversation);
        Assert.Equal(title, CardText.Title(card));
        Assert.Matches("Advies|Advice", CardText.Of(card));
        Assert.DoesNotContain("\"Image\"", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_WhyAfterASalaryCheck_LeadsWithItsFiguresAndOnlyItsDoubts()
    {
        var conversation = NewConversation();
        await AskAsync("wij bieden 4.200 bij 36 uur", "nl-NL", conversation);
        var text = CardText.Of(await AskAsync("waarom?", "nl-NL", conversation));
        Assert.Contains("19,1%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("57/6/10", text, StringComparison.Ordinal); // the branch/study doubt concerns another answer
        Assert.Contains("per cijfer de bron", text, StringComparison.Ordinal); // the sources doubt concerns every answer
    }

    [Fact]
    public async Task FollowUp_WhyAfterTheBranches_KeepsTheirDoubt()
    {
        var conversation = NewConversation();
        await AskAsync("in welke branches werken ze?", "nl-NL", conversation);
        Assert.Contains("57/6/10", CardText.Of(await AskAsync("waar baseer je dat op?", "nl-NL", conversation)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("we offer 4,000 a month for 36 hours", "what if 3,500?", "en-US", "EUR 46,667")] // 3,500 × 12 × 40/36
    [InlineData("wij bieden 4000 per maand bij 36 uur", "en 3800 dan?", "nl-NL", "€ 50.667")]
    public async Task FollowUp_ABareNewAmountAfterACheck_ChecksItAtTheOldHours(string first, string then, string locale, string atBasis)
    {
        var conversation = NewConversation();
        await AskAsync(first, locale, conversation);
        Assert.Contains(atBasis, CardText.Of(await AskAsync(then, locale, conversation)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_HoursAfterTheAverageSalary_GivesItProRata_AndPerMonthAfterThat()
    {
        var conversation = NewConversation();
        await AskAsync("salary?", "en-US", conversation);
        var atHours = CardText.Of(await AskAsync("and at 36 hours?", "en-US", conversation));
        Assert.Contains("EUR 42,300", atHours, StringComparison.Ordinal); // 47,000 × 36/40
        Assert.Contains("36/40", atHours, StringComparison.Ordinal);
        Assert.Contains("EUR 3,525", CardText.Of(await AskAsync("and per month?", "en-US", conversation)), StringComparison.Ordinal);
    }
}
