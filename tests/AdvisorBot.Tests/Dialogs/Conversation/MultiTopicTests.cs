using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Dialogs.Conversation;

/// <summary>A question that joins two or three topics gets an answer for each, not for one of them.</summary>
public sealed class MultiTopicTests(AdvisorBotApp app) : IClassFixture<AdvisorBotApp>
{
    private async Task<List<string>> TitlesAsync(string question, string locale)
    {
        var replies = await app.SendAsync(AdvisorBotApp.Message(question, "multi-" + Guid.NewGuid().ToString("N"), locale));
        return [.. replies.SelectMany(r => r.Attachments ?? []).Select(a => CardText.Title(Assert.IsType<JsonObject>(a.Content)))];
    }

    [Theory]
    [InlineData("wat verdienen ze en via welke kanalen zoeken ze werk?", "nl-NL", "Salaris", "Zoekkanalen")]
    [InlineData("what do they earn and how scarce are they?", "en-US", "Salary", "Scarcity")]
    [InlineData("hoe schaars zijn ze, en wat vinden ze belangrijk in een baan?", "nl-NL", "schaars", "trekt ze aan")]
    [InlineData("salaris en secundaire arbeidsvoorwaarden?", "nl-NL", "Salaris", "Arbeidsvoorwaarden")]
    [InlineData("salaris en kanalen?", "nl-NL", "Salaris", "Zoekkanalen")]
    public async Task Ask_TwoTopicsInOneQuestion_AnswersBoth(string question, string locale, string first, string second)
    {
        var titles = await TitlesAsync(question, locale);
        Assert.True(titles.Count == 2, string.Join(" / ", titles));
        Assert.Contains(first, titles[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains(second, titles[1], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("werken ze liever via werving en selectie bureaus?", "nl-NL")]
    [InlineData("wat verdienen junior en senior developers?", "nl-NL")]
    [InlineData("hoi en dank je wel", "nl-NL")]
    [InlineData("we bieden tussen 4.000 en 5.000 euro per maand", "nl-NL")]
    public async Task Ask_OneQuestionWithAnAnd_GetsOneAnswer(string question, string locale)
    {
        var titles = await TitlesAsync(question, locale);
        Assert.True(titles.Count == 1, string.Join(" / ", titles));
    }
}
