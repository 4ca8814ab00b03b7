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
}
